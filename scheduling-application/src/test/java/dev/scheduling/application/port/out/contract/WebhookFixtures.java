package dev.scheduling.application.port.out.contract;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.domain.appointment.AppointmentId;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.event.AppointmentCreated;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.domain.lock.ReservationToken;
import dev.scheduling.domain.webhook.EventFilter;
import dev.scheduling.domain.webhook.Webhook;
import dev.scheduling.domain.webhook.WebhookId;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Webhooks and events for the webhook contracts: random ids, so a shared store's other data never collides. */
final class WebhookFixtures {
    private WebhookFixtures() {
    }

    static Webhook aWebhook(Instant createdAt, String... patterns) {
        String id = UUID.randomUUID().toString();
        return Webhook.register(new WebhookId(id), URI.create("https://receiver.example.com/hooks/" + id),
                EventFilter.of(List.of(patterns)), "CRM sync " + id, "whsec_" + UUID.randomUUID(), createdAt);
    }

    static Webhook saved(SchedulingPorts ports, Webhook webhook) {
        StoreFixtures.inUnitOfWork(ports, () -> ports.webhooks().add(webhook));
        return webhook;
    }

    /** An {@code appointment.created} event, with a trace context, as the outbox would carry it. */
    static EventEnvelope anEvent(Instant occurredAt) {
        AppointmentCreated created = new AppointmentCreated(new AppointmentId(UUID.randomUUID().toString()),
                new ReservationToken("tok-" + UUID.randomUUID()), new ClientId(UUID.randomUUID().toString()),
                new UnitId("unit-1"), new ServiceId("service-1"), LocalDate.of(2030, 3, 5), LocalTime.of(9, 0),
                LocalTime.of(9, 30), 1);
        return new EventEnvelope(UUID.randomUUID(), occurredAt, created,
                Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
    }
}
