package dev.scheduling.application;

import dev.scheduling.application.port.out.AppointmentRepository;
import dev.scheduling.application.port.out.ClientRepository;
import dev.scheduling.application.port.out.EventPublisher;
import dev.scheduling.application.port.out.IdempotencyStore;
import dev.scheduling.application.port.out.IdentifierGenerator;
import dev.scheduling.application.port.out.Inbox;
import dev.scheduling.application.port.out.LockRepository;
import dev.scheduling.application.port.out.LoginStateRepository;
import dev.scheduling.application.port.out.ServiceRepository;
import dev.scheduling.application.port.out.SlotCapacityStore;
import dev.scheduling.application.port.out.UnitOfWork;
import dev.scheduling.application.port.out.UnitRepository;
import dev.scheduling.application.port.out.WebhookDeliveries;
import dev.scheduling.application.port.out.WebhookRepository;
import java.time.Clock;
import java.util.Objects;

/** Every driven port the use cases need, as one set of adapters provides them. */
public record SchedulingPorts(UnitRepository units, ServiceRepository services, LockRepository locks,
                              SlotCapacityStore capacity, IdempotencyStore idempotency, Inbox inbox,
                              ClientRepository clients,
                              LoginStateRepository loginStates, AppointmentRepository appointments,
                              WebhookRepository webhooks, WebhookDeliveries webhookDeliveries,
                              UnitOfWork unitOfWork, EventPublisher events, IdentifierGenerator ids, Clock clock) {
    public SchedulingPorts {
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(locks, "locks");
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(idempotency, "idempotency");
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(loginStates, "loginStates");
        Objects.requireNonNull(appointments, "appointments");
        Objects.requireNonNull(webhooks, "webhooks");
        Objects.requireNonNull(webhookDeliveries, "webhookDeliveries");
        Objects.requireNonNull(unitOfWork, "unitOfWork");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(clock, "clock");
    }
}
