package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.ClientPorts;
import dev.scheduling.application.SchedulingPorts;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * Every port in memory, sharing one unit of work, with the development sender: the embedded mode in one
 * call.
 * <pre>{@code
 * InMemoryAdapters adapters = new InMemoryAdapters(Clock.systemUTC());
 * Scheduling scheduling = new Scheduling(adapters.ports(), adapters.clientPorts(),
 *         SchedulingSettings.defaults(), new SimpleMeterRegistry(), OpenTelemetry.noop());
 * adapters.eventBus().subscribe("slot.*", event -> ...);
 * }</pre>
 */
public final class InMemoryAdapters {
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryEventBus eventBus = new InMemoryEventBus(transactions);
    private final DevMailboxNotifier devNotifier = new DevMailboxNotifier();
    private final SchedulingPorts ports;
    private final ClientPorts clientPorts;

    public InMemoryAdapters(Clock clock) {
        InMemoryWebhookDeliveries webhookDeliveries = new InMemoryWebhookDeliveries(transactions);
        InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository(transactions, webhookDeliveries);
        this.ports = new SchedulingPorts(
                new InMemoryUnitRepository(transactions),
                new InMemoryServiceRepository(transactions),
                new InMemoryLockRepository(transactions),
                new InMemorySlotCapacityStore(transactions),
                new InMemoryIdempotencyStore(transactions),
                new InMemoryInbox(transactions),
                new InMemoryClientRepository(),
                new InMemoryLoginStateRepository(),
                new InMemoryAppointmentRepository(transactions),
                webhooks,
                webhookDeliveries,
                transactions,
                eventBus,
                new SecureRandomIdentifiers(),
                clock);
        this.clientPorts = new ClientPorts(new HmacOneTimeCodes(randomKey()), new InMemoryAccessTokens(TOKEN_LIFETIME),
                devNotifier);
    }

    public SchedulingPorts ports() {
        return ports;
    }

    /** Codes hashed under a key of this process, opaque access tokens, and the development sender. */
    public ClientPorts clientPorts() {
        return clientPorts;
    }

    public InMemoryEventBus eventBus() {
        return eventBus;
    }

    /** The development sender and its mailbox. */
    public DevMailboxNotifier devNotifier() {
        return devNotifier;
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
