package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.port.out.AppointmentRepository;
import dev.scheduling.domain.appointment.Appointment;
import dev.scheduling.domain.appointment.AppointmentId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.client.ClientId;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Appointments in a concurrent map; a replace is atomic per appointment. */
public final class InMemoryAppointmentRepository implements AppointmentRepository {
    private static final Comparator<Appointment> SOONEST_FIRST = Comparator
            .comparing((Appointment appointment) -> appointment.slot().start())
            .thenComparing(appointment -> appointment.id().value());

    private final Map<AppointmentId, Appointment> appointments = new ConcurrentHashMap<>();
    private final InMemoryTransactions transactions;

    public InMemoryAppointmentRepository(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void add(Appointment appointment) {
        if (appointments.putIfAbsent(appointment.id(), appointment) != null) {
            throw new IllegalStateException("an appointment with this id exists already");
        }
        transactions.onRollback(() -> appointments.remove(appointment.id()));
    }

    @Override
    public Optional<Appointment> findById(AppointmentId id) {
        return Optional.ofNullable(appointments.get(id));
    }

    @Override
    public boolean replace(Appointment expected, Appointment updated) {
        Appointment[] replaced = new Appointment[1];
        appointments.computeIfPresent(updated.id(), (id, stored) -> {
            if (stored.status() != expected.status()
                    || !stored.reservationToken().equals(expected.reservationToken())) {
                return stored;
            }
            replaced[0] = stored;
            return updated;
        });
        if (replaced[0] == null) {
            return false;
        }
        Appointment previous = replaced[0];
        transactions.onRollback(() -> appointments.put(previous.id(), previous));
        return true;
    }

    @Override
    public List<Appointment> findByClient(ClientId clientId) {
        return appointments.values().stream()
                .filter(appointment -> appointment.clientId().equals(clientId))
                .sorted(SOONEST_FIRST)
                .toList();
    }

    @Override
    public List<Appointment> findByUnit(UnitId unitId, LocalDate from, LocalDate to) {
        return appointments.values().stream()
                .filter(appointment -> appointment.unitId().equals(unitId))
                .filter(appointment -> !appointment.slot().date().isBefore(from) && !appointment.slot().date().isAfter(to))
                .sorted(Comparator.comparing((Appointment appointment) -> appointment.slot().date())
                        .thenComparing(appointment -> appointment.slot().startTime())
                        .thenComparing(appointment -> appointment.id().value()))
                .toList();
    }
}
