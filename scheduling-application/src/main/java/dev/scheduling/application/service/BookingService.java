package dev.scheduling.application.service;

import dev.scheduling.application.port.in.BookAppointmentUseCase;
import dev.scheduling.application.port.in.CancelAppointmentUseCase;
import dev.scheduling.application.port.in.RescheduleAppointmentUseCase;
import dev.scheduling.application.port.in.ViewAppointmentsUseCase;
import dev.scheduling.application.port.out.AppointmentRepository;
import dev.scheduling.application.port.out.ClientRepository;
import dev.scheduling.application.port.out.EventPublisher;
import dev.scheduling.application.port.out.IdentifierGenerator;
import dev.scheduling.application.port.out.LockRepository;
import dev.scheduling.application.port.out.ServiceRepository;
import dev.scheduling.application.port.out.SlotCapacityStore;
import dev.scheduling.application.port.out.UnitOfWork;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.appointment.Appointment;
import dev.scheduling.domain.appointment.AppointmentId;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.client.Client;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.event.AppointmentCancelled;
import dev.scheduling.domain.event.AppointmentCreated;
import dev.scheduling.domain.event.AppointmentRescheduled;
import dev.scheduling.domain.event.SlotReleased;
import dev.scheduling.domain.lock.LockStatus;
import dev.scheduling.domain.lock.ReservationToken;
import dev.scheduling.domain.lock.SlotLock;
import io.opentelemetry.api.trace.Tracer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Appointments: lock → appointment → cancel or reschedule. Every change is a compare-and-set on the
 * lock or the appointment inside one unit of work with its capacity change and events, so that one
 * lock books one appointment, and a cancel frees capacity once, however many requests race.
 */
public final class BookingService implements BookAppointmentUseCase, CancelAppointmentUseCase,
        RescheduleAppointmentUseCase, ViewAppointmentsUseCase {

    private final CatalogService catalog;
    private final ServiceRepository services;
    private final LockRepository locks;
    private final AppointmentRepository appointments;
    private final ClientRepository clients;
    private final SlotCapacityStore capacity;
    private final UnitOfWork unitOfWork;
    private final IdentifierGenerator ids;
    private final Bookkeeping bookkeeping;
    private final Traced traced;

    public BookingService(CatalogService catalog, ServiceRepository services, LockRepository locks,
                          AppointmentRepository appointments, ClientRepository clients, SlotCapacityStore capacity,
                          UnitOfWork unitOfWork, EventPublisher events, IdentifierGenerator ids, Clock clock,
                          Tracer tracer) {
        this.catalog = catalog;
        this.services = services;
        this.locks = locks;
        this.appointments = appointments;
        this.clients = clients;
        this.capacity = capacity;
        this.unitOfWork = unitOfWork;
        this.ids = ids;
        this.bookkeeping = new Bookkeeping(capacity, events, ids, clock);
        this.traced = new Traced(tracer);
    }

    @Override
    public Appointment book(BookAppointmentUseCase.Command command) {
        return traced.span("Booking.book", span -> {
            span.setAttribute(AvailabilityService.ATTR_TOKEN, command.reservationToken().value());
            while (true) {
                SlotLock lock = findLock(command.reservationToken());
                Instant now = bookkeeping.now();
                SlotLock converted = lock.convert(now);
                Appointment booked = Appointment.book(new AppointmentId(ids.newId()), command.clientId(), converted,
                        command.notes(), now);
                Optional<Appointment> done = unitOfWork.execute(() -> {
                    if (!locks.update(converted, LockStatus.LOCKED)) {
                        return Optional.empty();
                    }
                    appointments.add(booked);
                    BookableService service = serviceOf(converted.serviceId());
                    bookkeeping.publish(SlotReleased.of(converted, bookkeeping.capacityOf(service, converted.slot()),
                            SlotReleased.Reason.CONVERTED), now);
                    bookkeeping.publish(AppointmentCreated.of(booked), now);
                    return Optional.of(booked);
                });
                if (done.isPresent()) {
                    return done.get();
                }
            }
        });
    }

    @Override
    public Appointment cancel(ClientId clientId, AppointmentId appointmentId) {
        return traced.span("Booking.cancel", span -> {
            span.setAttribute("appointmentId", appointmentId.value());
            while (true) {
                Appointment appointment = appointment(clientId, appointmentId);
                if (!appointment.isConfirmed()) {
                    return appointment;
                }
                Appointment cancelled = appointment.cancel();
                Instant now = bookkeeping.now();
                Optional<Appointment> done = unitOfWork.execute(() -> {
                    if (!appointments.replace(appointment, cancelled)) {
                        return Optional.empty();
                    }
                    BookableService service = serviceOf(appointment.serviceId());
                    int used = capacity.giveBack(service.id(), appointment.slot().minutes(), appointment.quantity())
                            .capacityOf(appointment.slot(), service.capacity()).used();
                    bookkeeping.publish(AppointmentCancelled.of(cancelled, used), now);
                    return Optional.of(cancelled);
                });
                if (done.isPresent()) {
                    return done.get();
                }
            }
        });
    }

    @Override
    public Appointment reschedule(ClientId clientId, AppointmentId appointmentId, ReservationToken newLock) {
        return traced.span("Booking.reschedule", span -> {
            span.setAttribute("appointmentId", appointmentId.value());
            span.setAttribute(AvailabilityService.ATTR_TOKEN, newLock.value());
            while (true) {
                Appointment appointment = appointment(clientId, appointmentId);
                if (!appointment.isConfirmed()) {
                    throw new RefusedException(Refusal.APPOINTMENT_CANCELLED, "a cancelled appointment cannot be moved");
                }
                SlotLock lock = findLock(newLock);
                appointment.requireSameService(lock);
                Instant now = bookkeeping.now();
                SlotLock converted = lock.convert(now);
                Appointment moved = appointment.rescheduleTo(converted);
                try {
                    Optional<Appointment> done = unitOfWork.execute(() -> {
                        if (!locks.update(converted, LockStatus.LOCKED)) {
                            return Optional.empty();
                        }
                        if (!appointments.replace(appointment, moved)) {
                            throw new ChangedMeanwhile();
                        }
                        BookableService service = serviceOf(appointment.serviceId());
                        capacity.giveBack(service.id(), appointment.slot().minutes(), appointment.quantity());
                        bookkeeping.publish(SlotReleased.of(converted, bookkeeping.capacityOf(service, converted.slot()),
                                SlotReleased.Reason.CONVERTED), now);
                        bookkeeping.publish(AppointmentRescheduled.of(appointment, moved), now);
                        return Optional.of(moved);
                    });
                    if (done.isPresent()) {
                        return done.get();
                    }
                } catch (ChangedMeanwhile retry) {
                    // The appointment was cancelled or moved by another request: the lock's conversion
                    // was rolled back with the rest; read both again and decide again.
                }
            }
        });
    }

    @Override
    public Appointment appointment(ClientId clientId, AppointmentId appointmentId) {
        return appointments.findById(appointmentId)
                .filter(appointment -> appointment.clientId().equals(clientId))
                .orElseThrow(() -> new RefusedException(Refusal.APPOINTMENT_NOT_FOUND,
                        "you have no appointment " + appointmentId));
    }

    @Override
    public List<Appointment> appointmentsOf(ClientId clientId) {
        return appointments.findByClient(clientId);
    }

    @Override
    public List<AgendaEntry> agenda(UnitId unitId, LocalDate from, LocalDate to) {
        ViewAppointmentsUseCase.checkAgendaRange(from, to);
        catalog.unit(unitId);
        Map<ClientId, Client> known = new HashMap<>();
        return appointments.findByUnit(unitId, from, to).stream()
                .filter(Appointment::isConfirmed)
                .map(appointment -> new AgendaEntry(appointment, known.computeIfAbsent(appointment.clientId(),
                        id -> clients.findById(id).orElseThrow(() -> new IllegalStateException(
                                "appointment " + appointment.id() + " names a missing client")))))
                .toList();
    }

    private SlotLock findLock(ReservationToken token) {
        return locks.findByToken(token)
                .orElseThrow(() -> new RefusedException(Refusal.LOCK_NOT_FOUND, "there is no lock with that token"));
    }

    private BookableService serviceOf(ServiceId serviceId) {
        return services.findById(serviceId)
                .orElseThrow(() -> new IllegalStateException("service " + serviceId + " is missing"));
    }

    /** Rolls a unit of work back so that the command can be decided again. */
    private static final class ChangedMeanwhile extends RuntimeException {
        ChangedMeanwhile() {
            super(null, null, false, false);
        }
    }
}
