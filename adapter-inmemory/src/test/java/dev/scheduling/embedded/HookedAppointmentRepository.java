package dev.scheduling.embedded;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.AppointmentRepository;
import dev.scheduling.domain.appointment.Appointment;
import dev.scheduling.domain.appointment.AppointmentId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.client.ClientId;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * An appointment repository that runs a hook before each replace, inside the command's unit of work:
 * a test makes another command win the race there.
 */
final class HookedAppointmentRepository implements AppointmentRepository {
    private final AppointmentRepository delegate;
    private final BiConsumer<Appointment, Appointment> beforeReplace;

    private HookedAppointmentRepository(AppointmentRepository delegate, BiConsumer<Appointment, Appointment> beforeReplace) {
        this.delegate = delegate;
        this.beforeReplace = beforeReplace;
    }

    /** The ports with their appointment repository wrapped so that {@code beforeReplace} runs before each replace. */
    static UnaryOperator<SchedulingPorts> beforeReplace(BiConsumer<Appointment, Appointment> beforeReplace) {
        return ports -> new SchedulingPorts(ports.units(), ports.services(), ports.locks(), ports.capacity(),
                ports.idempotency(), ports.inbox(), ports.clients(), ports.loginStates(),
                new HookedAppointmentRepository(ports.appointments(), beforeReplace), ports.webhooks(),
                ports.webhookDeliveries(), ports.unitOfWork(),
                ports.events(), ports.ids(), ports.clock());
    }

    @Override
    public void add(Appointment appointment) {
        delegate.add(appointment);
    }

    @Override
    public Optional<Appointment> findById(AppointmentId id) {
        return delegate.findById(id);
    }

    @Override
    public boolean replace(Appointment expected, Appointment updated) {
        beforeReplace.accept(expected, updated);
        return delegate.replace(expected, updated);
    }

    @Override
    public List<Appointment> findByClient(ClientId clientId) {
        return delegate.findByClient(clientId);
    }

    @Override
    public List<Appointment> findByUnit(UnitId unitId, LocalDate from, LocalDate to) {
        return delegate.findByUnit(unitId, from, to);
    }
}
