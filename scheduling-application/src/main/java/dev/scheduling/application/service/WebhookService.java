package dev.scheduling.application.service;

import dev.scheduling.application.port.in.ManageWebhooksUseCase;
import dev.scheduling.application.port.in.QueueWebhookDeliveriesUseCase;
import dev.scheduling.application.port.out.HostResolver;
import dev.scheduling.application.port.out.IdentifierGenerator;
import dev.scheduling.application.port.out.Inbox;
import dev.scheduling.application.port.out.UnitOfWork;
import dev.scheduling.application.port.out.WebhookDeliveries;
import dev.scheduling.application.port.out.WebhookRepository;
import dev.scheduling.application.port.out.WebhookSender;
import dev.scheduling.domain.InvalidInputException;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.domain.webhook.DeliveryAttempt;
import dev.scheduling.domain.webhook.DeliveryStatus;
import dev.scheduling.domain.webhook.EventFilter;
import dev.scheduling.domain.webhook.ReceiverAddresses;
import dev.scheduling.domain.webhook.Webhook;
import dev.scheduling.domain.webhook.WebhookDelivery;
import dev.scheduling.domain.webhook.WebhookId;
import dev.scheduling.domain.webhook.WebhookSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Tracer;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Webhooks: the registry, the fan-out of events into deliveries, and one attempt of a delivery.
 *
 * <p>An event becomes its deliveries in one unit of work with its inbox record (consumer
 * {@value #CONSUMER}), so a redelivered event queues nothing twice; each delivery's id is derived from
 * the webhook and the event besides. An attempt runs outside any transaction (a receiver may take
 * seconds), then its outcome is stored with the webhook's failure count in one unit of work. Receivers
 * are checked twice against internal addresses: here at registration, and by the sender at each
 * attempt, since what a name resolves to can change.
 */
public final class WebhookService implements ManageWebhooksUseCase, QueueWebhookDeliveriesUseCase {
    /** This consumer's name in the inbox. */
    public static final String CONSUMER = "webhooks";

    private final WebhookRepository webhooks;
    private final WebhookDeliveries deliveries;
    private final WebhookSender sender;
    private final HostResolver resolver;
    private final Inbox inbox;
    private final UnitOfWork unitOfWork;
    private final IdentifierGenerator ids;
    private final Clock clock;
    private final WebhookSettings settings;
    private final Traced traced;
    private final Counter succeeded;
    private final Counter retrying;
    private final Counter failed;
    private final Counter deactivated;
    private final Timer latency;

    public WebhookService(WebhookRepository webhooks, WebhookDeliveries deliveries, WebhookSender sender,
                          HostResolver resolver, Inbox inbox, UnitOfWork unitOfWork, IdentifierGenerator ids,
                          Clock clock, WebhookSettings settings, MeterRegistry meters, Tracer tracer) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.sender = sender;
        this.resolver = resolver;
        this.inbox = inbox;
        this.unitOfWork = unitOfWork;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
        this.traced = new Traced(tracer);
        String attempts = "Webhook delivery attempts, by result: succeeded, retrying (failed, another attempt is"
                + " due) or failed (failed, no attempt left)";
        this.succeeded = Counter.builder("webhooks.deliveries").description(attempts).tag("result", "succeeded")
                .register(meters);
        this.retrying = Counter.builder("webhooks.deliveries").description(attempts).tag("result", "retrying")
                .register(meters);
        this.failed = Counter.builder("webhooks.deliveries").description(attempts).tag("result", "failed")
                .register(meters);
        this.deactivated = Counter.builder("webhooks.deactivated")
                .description("Webhooks set inactive after consecutive failed deliveries").register(meters);
        this.latency = Timer.builder("webhooks.delivery.latency")
                .description("Time from a delivery attempt's start to the receiver's answer or the failure")
                .publishPercentileHistogram().register(meters);
        Gauge.builder("webhooks.retries.pending", this, WebhookService::pendingRetries)
                .description("Deliveries that failed at least once and wait for their next attempt")
                .register(meters);
    }

    @Override
    public Webhook register(NewWebhook request) {
        return traced.span("Webhooks.register", () -> {
            URI url = allowedReceiver(request.url());
            EventFilter events = EventFilter.of(request.events());
            Webhook webhook = Webhook.register(new WebhookId(ids.newId()), url, events, request.description(),
                    ids.newSecret(), now());
            unitOfWork.execute(() -> {
                webhooks.add(webhook);
                return null;
            });
            return webhook;
        });
    }

    @Override
    public List<Webhook> list() {
        return unitOfWork.execute(webhooks::all);
    }

    @Override
    public Webhook get(WebhookId id) {
        return unitOfWork.execute(() -> existing(id));
    }

    @Override
    public Webhook update(WebhookId id, WebhookChanges changes) {
        return traced.span("Webhooks.update", () -> {
            unitOfWork.execute(() -> existing(id)); // an unknown webhook is a 404 before any check of the changes
            URI url = changes.url().map(this::allowedReceiver).orElse(null);
            EventFilter events = changes.events().map(EventFilter::of).orElse(null);
            return unitOfWork.execute(() -> {
                Webhook webhook = existing(id);
                if (url != null) {
                    webhook = webhook.withUrl(url);
                }
                if (events != null) {
                    webhook = webhook.withEvents(events);
                }
                webhook = changes.description().map(webhook::withDescription).orElse(webhook);
                webhook = changes.active().map(webhook::withActive).orElse(webhook);
                webhooks.update(webhook);
                return webhook;
            });
        });
    }

    @Override
    public void delete(WebhookId id) {
        boolean deleted = unitOfWork.execute(() -> webhooks.delete(id));
        if (!deleted) {
            throw notFound(id);
        }
    }

    @Override
    public List<WebhookDelivery> deliveries(WebhookId id, int limit) {
        return unitOfWork.execute(() -> {
            existing(id);
            return deliveries.latestOf(id, limit);
        });
    }

    @Override
    public WebhookDelivery redeliver(WebhookId id, UUID deliveryId) {
        return traced.span("Webhooks.redeliver", () -> unitOfWork.execute(() -> {
            Webhook webhook = existing(id);
            // An attempt may store its outcome meanwhile: then read the delivery again and redeliver that.
            while (true) {
                WebhookDelivery delivery = deliveries.findById(deliveryId)
                        .filter(found -> found.webhookId().equals(id))
                        .orElseThrow(() -> new RefusedException(Refusal.DELIVERY_NOT_FOUND,
                                "webhook " + id + " has no delivery " + deliveryId));
                if (!webhook.active()) {
                    throw new RefusedException(Refusal.WEBHOOK_INACTIVE,
                            "webhook " + id + " is inactive: activate it (PATCH active=true) to redeliver");
                }
                WebhookDelivery again = delivery.redelivered(now());
                if (deliveries.replace(delivery, again)) {
                    return again;
                }
            }
        }));
    }

    @Override
    public int handle(EventEnvelope envelope) {
        return traced.consumerSpan("Webhooks.queue", TraceContexts.parent(envelope.traceContext()), span -> {
            span.setAttribute("eventId", envelope.eventId().toString());
            span.setAttribute("eventType", envelope.type());
            int queued = unitOfWork.execute(() -> {
                Instant now = now();
                List<Webhook> subscribers = webhooks.subscribedTo(envelope.type());
                // Nobody subscribes (the common case): no effect to deduplicate, so no inbox record either.
                if (subscribers.isEmpty() || !inbox.record(CONSUMER, envelope.eventId(), now)) {
                    return 0;
                }
                int added = 0;
                for (Webhook webhook : subscribers) {
                    if (deliveries.add(WebhookDelivery.of(webhook.id(), envelope, now))) {
                        added++;
                    }
                }
                return added;
            });
            span.setAttribute("deliveries", queued);
            return queued;
        });
    }

    /**
     * Takes up to {@code limit} due deliveries, at most one per webhook and none of {@code busy} webhooks,
     * leased for {@link WebhookSettings#lease()}.
     */
    List<WebhookDelivery> claimDue(int limit, Set<WebhookId> busy) {
        Instant now = now();
        return unitOfWork.execute(() -> deliveries.claimDue(now, now.plus(settings.lease()), limit, busy));
    }

    /**
     * One attempt of a delivery taken by {@link #claimDue}: sends it (outside any transaction), then stores
     * the outcome, the next attempt or the end, and the webhook's failure count.
     */
    WebhookDelivery attempt(WebhookDelivery delivery) {
        return traced.span("Webhooks.deliver", span -> {
            span.setAttribute("deliveryId", delivery.id().toString());
            span.setAttribute("eventType", delivery.event().type());
            Webhook webhook = unitOfWork.execute(() -> webhooks.findById(delivery.webhookId())).orElse(null);
            if (webhook == null || !webhook.active()) {
                return delivery; // deleted or deactivated meanwhile: its lease runs out, and nothing takes it again
            }
            DeliveryAttempt attempt = sender.send(webhook, delivery, now());
            latency.record(attempt.duration());
            WebhookDelivery decided = delivery.after(attempt, settings.retries());
            boolean deactivatedNow = unitOfWork.execute(() -> {
                storeOutcome(delivery, attempt);
                if (attempt.succeeded()) {
                    webhooks.recordSuccess(webhook.id());
                    return false;
                }
                return webhooks.recordFailure(webhook.id(), settings.disableAfter());
            });
            count(decided);
            if (deactivatedNow) {
                deactivated.increment();
            }
            attempt.responseCode().ifPresent(code -> span.setAttribute("responseCode", code));
            span.setAttribute("outcome", decided.status().name());
            return decided;
        });
    }

    /**
     * Stores what the attempt of the {@code leased} delivery decided, if the delivery is still in the round
     * and lease it was taken with. If an operator redelivered it, or another
     * dispatcher took it after the lease ran out, while it was being sent, that newer state stands (a
     * redelivery is not undone by the outcome of an older attempt) and the attempt only joins its log. Each
     * write is a compare-and-set on the delivery as just read, so no attempt's record is lost to another's.
     */
    private void storeOutcome(WebhookDelivery leased, DeliveryAttempt attempt) {
        while (true) {
            Optional<WebhookDelivery> found = deliveries.findById(leased.id());
            if (found.isEmpty()) {
                return; // its webhook was deleted meanwhile
            }
            WebhookDelivery current = found.get();
            WebhookDelivery next = current.isInTheLeaseOf(leased) ? current.after(attempt, settings.retries())
                    : current.withAttemptLogged(attempt);
            if (deliveries.replace(current, next)) {
                return;
            }
        }
    }

    private void count(WebhookDelivery after) {
        if (after.status() == DeliveryStatus.SUCCEEDED) {
            succeeded.increment();
        } else if (after.status() == DeliveryStatus.PENDING) {
            retrying.increment();
        } else {
            failed.increment();
        }
    }

    private double pendingRetries() {
        try {
            return unitOfWork.execute(deliveries::pendingRetries);
        } catch (RuntimeException unavailable) {
            return Double.NaN;
        }
    }

    /** A valid receiver URL whose host resolves only to addresses the settings allow. */
    private URI allowedReceiver(String text) {
        URI url = Webhook.receiverUrl(text);
        if (settings.allowPrivate()) {
            return url;
        }
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1)
                : url.getHost();
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw InvalidInputException.of("url", "its host does not resolve");
        }
        if (addresses.isEmpty() || addresses.stream().anyMatch(ReceiverAddresses::isInternal)) {
            throw new RefusedException(Refusal.WEBHOOK_URL_FORBIDDEN, "the URL's host resolves to a loopback,"
                    + " link-local or private address; receivers must be reachable on the public internet");
        }
        return url;
    }

    private Instant now() {
        return Bookkeeping.now(clock);
    }

    private Webhook existing(WebhookId id) {
        return webhooks.findById(id).orElseThrow(() -> notFound(id));
    }

    private static RefusedException notFound(WebhookId id) {
        return new RefusedException(Refusal.WEBHOOK_NOT_FOUND, "no webhook " + id);
    }
}
