package dev.scheduling.application;

import dev.scheduling.application.port.in.ManageWebhooksUseCase;
import dev.scheduling.application.port.in.QueueWebhookDeliveriesUseCase;
import dev.scheduling.application.port.out.HostResolver;
import dev.scheduling.application.port.out.WebhookSender;
import dev.scheduling.application.service.WebhookDispatcher;
import dev.scheduling.application.service.WebhookService;
import dev.scheduling.domain.webhook.WebhookSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The webhooks of the service, over the same storage ports as {@link Scheduling}, plus the sender that
 * POSTs deliveries and the resolver that checks receivers: the registry for the admin API, the consumer
 * that queues deliveries from events, and the dispatcher that sends them.
 */
public final class Webhooks {
    /** How long a finished delivery stays in the log. */
    public static final Duration DELIVERY_RETENTION = Duration.ofDays(30);

    private final WebhookService service;
    private final WebhookSettings settings;
    private final SchedulingPorts ports;

    public Webhooks(SchedulingPorts ports, WebhookSender sender, HostResolver resolver, WebhookSettings settings,
                    MeterRegistry meters, OpenTelemetry openTelemetry) {
        this.ports = ports;
        this.settings = settings;
        this.service = new WebhookService(ports.webhooks(), ports.webhookDeliveries(), sender, resolver, ports.inbox(),
                ports.unitOfWork(), ports.ids(), ports.clock(), settings, meters,
                openTelemetry.getTracer(Scheduling.INSTRUMENTATION_SCOPE));
    }

    public ManageWebhooksUseCase manage() {
        return service;
    }

    public QueueWebhookDeliveriesUseCase queueDeliveries() {
        return service;
    }

    /** A dispatcher that runs attempts on {@code pool}, which must run {@link WebhookSettings#parallelism()} at once. */
    public WebhookDispatcher dispatcher(Executor pool) {
        return new WebhookDispatcher(service, pool, settings);
    }

    public WebhookSettings settings() {
        return settings;
    }

    /** Forgets finished deliveries older than {@link #DELIVERY_RETENTION}; for housekeeping. */
    public int purgeFinishedDeliveries() {
        return ports.unitOfWork().execute(() -> ports.webhookDeliveries()
                .purgeFinishedBefore(ports.clock().instant().minus(DELIVERY_RETENTION)));
    }
}
