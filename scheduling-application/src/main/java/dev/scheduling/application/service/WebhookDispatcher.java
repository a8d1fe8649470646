package dev.scheduling.application.service;

import dev.scheduling.domain.webhook.WebhookDelivery;
import dev.scheduling.domain.webhook.WebhookId;
import dev.scheduling.domain.webhook.WebhookSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Sends the due deliveries on a pool of {@link WebhookSettings#parallelism()} threads, at most
 * {@link WebhookSettings#perWebhook()} at a time to one webhook: a receiver that hangs until the sender's
 * timeout holds that many threads, and every other webhook's deliveries go on on the rest.
 *
 * <p>{@link #dispatchDue()} is called by one scheduler thread, often (a few times a second): each call
 * takes what is due while threads are free. Several dispatchers (processes) may share a store: the
 * store's lease keeps them from taking the same delivery.
 */
public final class WebhookDispatcher {
    private final WebhookService webhooks;
    private final Executor pool;
    private final WebhookSettings settings;
    private final Map<WebhookId, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    /** {@code pool} must run at least {@link WebhookSettings#parallelism()} tasks at once. */
    public WebhookDispatcher(WebhookService webhooks, Executor pool, WebhookSettings settings) {
        this.webhooks = webhooks;
        this.pool = pool;
        this.settings = settings;
    }

    /** Starts attempts of the due deliveries while threads are free; returns how many it started. */
    public int dispatchDue() {
        int started = 0;
        while (true) {
            int free = settings.parallelism() - total.get();
            if (free <= 0) {
                return started;
            }
            List<WebhookDelivery> due = webhooks.claimDue(free, busyWebhooks());
            if (due.isEmpty()) {
                return started;
            }
            for (WebhookDelivery delivery : due) {
                start(delivery);
                started++;
            }
        }
    }

    /** Attempts running now. */
    public int inFlight() {
        return total.get();
    }

    private Set<WebhookId> busyWebhooks() {
        return inFlight.entrySet().stream().filter(entry -> entry.getValue().get() >= settings.perWebhook())
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
    }

    private void start(WebhookDelivery delivery) {
        AtomicInteger ofWebhook = inFlight.computeIfAbsent(delivery.webhookId(), id -> new AtomicInteger());
        ofWebhook.incrementAndGet();
        total.incrementAndGet();
        Runnable attempt = () -> {
            try {
                webhooks.attempt(delivery);
            } catch (RuntimeException storeUnavailable) {
                // The outcome was not stored: the lease runs out and the delivery is attempted again.
                System.getLogger(WebhookDispatcher.class.getName()).log(System.Logger.Level.WARNING,
                        "webhook delivery " + delivery.id() + " not recorded, retried after its lease: "
                                + storeUnavailable.getMessage());
            } finally {
                finished(ofWebhook);
            }
        };
        try {
            pool.execute(attempt);
        } catch (RuntimeException rejected) {
            finished(ofWebhook);
            throw rejected;
        }
    }

    /** A webhook's counter stays in the map at zero: one small entry per webhook, and no race on removal. */
    private void finished(AtomicInteger ofWebhook) {
        ofWebhook.decrementAndGet();
        total.decrementAndGet();
    }
}
