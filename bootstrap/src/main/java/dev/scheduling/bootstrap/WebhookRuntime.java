package dev.scheduling.bootstrap;

import dev.scheduling.adapter.inmemory.InMemoryEventBus;
import dev.scheduling.adapter.inmemory.RetryingSubscriber;
import dev.scheduling.adapter.rabbitmq.EventTopology;
import dev.scheduling.adapter.rabbitmq.RabbitMqConnection;
import dev.scheduling.adapter.rabbitmq.RabbitMqEventConsumer;
import dev.scheduling.adapter.webhook.DnsHostResolver;
import dev.scheduling.adapter.webhook.JettyWebhookSender;
import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.domain.webhook.WebhookSettings;
import dev.scheduling.application.Webhooks;
import dev.scheduling.application.port.out.HostResolver;
import dev.scheduling.application.service.WebhookDispatcher;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The webhooks of one process: the registry (always, for the admin API) and, where this process delivers
 * them, the consumer that turns events into deliveries (from RabbitMQ's webhooks queue, or from the
 * in-process bus) and the dispatcher that sends the due ones on a pool of its own, a few times a second.
 */
final class WebhookRuntime implements AutoCloseable {
    static final Duration DISPATCH_PERIOD = Duration.ofMillis(200);

    private final JettyWebhookSender sender;
    private final Webhooks webhooks;
    private final ExecutorService pool;
    private Optional<RabbitMqEventConsumer> consumer = Optional.empty();
    private Optional<RetryingSubscriber> inProcess = Optional.empty();

    WebhookRuntime(SchedulingPorts ports, Configuration.Webhooks configuration, MeterRegistry meters,
                   OpenTelemetry openTelemetry) {
        this(ports, configuration, new DnsHostResolver(), meters, openTelemetry);
    }

    WebhookRuntime(SchedulingPorts ports, Configuration.Webhooks configuration, HostResolver resolver,
                   MeterRegistry meters, OpenTelemetry openTelemetry) {
        WebhookSettings settings = WebhookSettings.defaults().withDisableAfter(configuration.disableAfter())
                .withAllowPrivate(configuration.allowPrivate());
        this.sender = new JettyWebhookSender(resolver, settings.allowPrivate());
        this.webhooks = new Webhooks(ports, sender, resolver, settings, meters, openTelemetry);
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(settings.parallelism(), runnable -> {
            Thread thread = new Thread(runnable, "webhook-delivery-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    Webhooks webhooks() {
        return webhooks;
    }

    /** Delivers from RabbitMQ: the webhooks queue, with the broker's retries and dead-letter queue. */
    void deliverFrom(RabbitMqConnection broker, String queue, BackgroundJobs jobs, MeterRegistry meters) {
        RabbitMqEventConsumer events = new RabbitMqEventConsumer(broker, queue, EventTopology.WEBHOOK_BINDINGS,
                webhooks.queueDeliveries()::handle, meters);
        this.consumer = Optional.of(events);
        events.start();
        dispatch(jobs);
    }

    /** Delivers from the in-process bus, retrying in process when a delivery cannot be queued. */
    void deliverFrom(InMemoryEventBus bus, List<Duration> retryDelays, BackgroundJobs jobs) {
        RetryingSubscriber subscriber = new RetryingSubscriber(webhooks.queueDeliveries()::handle, retryDelays);
        this.inProcess = Optional.of(subscriber);
        bus.subscribe("#", subscriber);
        dispatch(jobs);
    }

    /** Starts the HTTP client only here: a process that does not deliver (SCHEDULING_WEBHOOKS=off) runs none. */
    private void dispatch(BackgroundJobs jobs) {
        sender.start();
        WebhookDispatcher dispatcher = webhooks.dispatcher(pool);
        jobs.every(DISPATCH_PERIOD, "webhook deliveries sent", dispatcher::dispatchDue);
        jobs.every(Wiring.HOUSEKEEPING_PERIOD, "webhook deliveries purged", webhooks::purgeFinishedDeliveries);
    }

    /** Stops taking events, lets attempts in flight finish (their timeout bounds them), then closes the client. */
    @Override
    public void close() {
        consumer.ifPresent(RabbitMqEventConsumer::close);
        inProcess.ifPresent(RetryingSubscriber::close);
        pool.shutdown();
        try {
            if (!pool.awaitTermination(JettyWebhookSender.DEFAULT_TOTAL_TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        sender.close();
    }
}
