package dev.scheduling.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.scheduling.adapter.inmemory.InMemoryAdapters;
import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.domain.webhook.WebhookSettings;
import dev.scheduling.application.Webhooks;
import dev.scheduling.application.port.in.ManageWebhooksUseCase.NewWebhook;
import dev.scheduling.application.port.in.ManageWebhooksUseCase.WebhookChanges;
import dev.scheduling.application.port.out.HostResolver;
import dev.scheduling.application.port.out.WebhookSender;
import dev.scheduling.application.service.WebhookDispatcher;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.domain.InvalidInputException;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.appointment.AppointmentId;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.event.AppointmentCreated;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.domain.event.SlotLocked;
import dev.scheduling.domain.lock.ReservationToken;
import dev.scheduling.domain.webhook.DeliveryAttempt;
import dev.scheduling.domain.webhook.DeliveryStatus;
import dev.scheduling.domain.webhook.Webhook;
import dev.scheduling.domain.webhook.WebhookDelivery;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webhooks of the core over the in-memory adapters, with a scripted sender and a fixed name table:
 * the registry's checks, one delivery per event and webhook, retries on the schedule, deactivation,
 * redelivery, and a receiver that hangs holding back only its own deliveries.
 */
class WebhooksTest {
    private static final Instant NOW = Instant.parse("2030-03-04T08:00:00Z");

    /** Rounds of 10 s of retries and 30 s before the first retry: one failure ends a round. */
    private static final WebhookSettings ONE_FAILURE_ENDS_A_ROUND = new WebhookSettings(50, false,
            new dev.scheduling.domain.webhook.RetrySchedule(Duration.ofSeconds(30), Duration.ofSeconds(30),
                    Duration.ofSeconds(10), 0), 4, 2, Duration.ofMinutes(1));

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryAdapters adapters = new InMemoryAdapters(clock);
    private final SchedulingPorts ports = adapters.ports();
    private final ScriptedSender sender = new ScriptedSender();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Map<String, String> dns = Map.of("crm.example.com", "93.184.216.34",
            "intranet.example.com", "10.0.0.7", "metadata.example.com", "169.254.169.254");
    /** The names of {@link #dns}, and address literals; no other name resolves. */
    private final HostResolver resolver = host -> {
        String address = dns.getOrDefault(host, host);
        if (!address.matches("[0-9a-f.:]+")) {
            throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getByName(address));
    };
    private Webhooks webhooks = webhooks(WebhookSettings.defaults().withDisableAfter(3));

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void aRegistrationIsActiveWithANewSecretAndReceiversInsideTheNetworkAreRefused() {
        Webhook webhook = register("https://crm.example.com/in", "appointment.*");

        assertThat(webhook.active()).isTrue();
        assertThat(webhook.secret()).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(register("https://crm.example.com/in", "*").secret()).isNotEqualTo(webhook.secret());
        for (String url : List.of("https://intranet.example.com/in", "https://metadata.example.com/latest",
                "http://127.0.0.1:8080/in", "http://[::1]/in", "http://10.1.2.3/")) {
            assertThatThrownBy(() -> register(url, "*")).as(url).isInstanceOfSatisfying(RefusedException.class,
                    e -> assertThat(e.refusal()).isEqualTo(Refusal.WEBHOOK_URL_FORBIDDEN));
        }
        assertThatThrownBy(() -> register("https://nowhere.example.net/in", "*"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("url");
        assertThatThrownBy(() -> webhooks.manage().update(webhook.id(), changes(Optional.of("http://10.0.0.1/"),
                Optional.empty()))).isInstanceOf(RefusedException.class);
        assertThat(webhooks.manage().list()).hasSize(2);
    }

    @Test
    void privateReceiversAreAcceptedWhenTheOperatorAllowsThem() {
        webhooks = webhooks(WebhookSettings.defaults().withAllowPrivate(true));

        assertThat(register("http://127.0.0.1:8080/in", "*").active()).isTrue();
    }

    @Test
    void anEventBecomesOneDeliveryPerSubscribedActiveWebhookOnceHoweverOftenItArrives() {
        Webhook appointments = register("https://crm.example.com/a", "appointment.*");
        Webhook everything = register("https://crm.example.com/all", "*");
        register("https://crm.example.com/slots", "slot.*");
        Webhook paused = register("https://crm.example.com/paused", "*");
        webhooks.manage().update(paused.id(), new WebhookChanges(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(false)));
        EventEnvelope created = appointmentCreated();

        assertThat(webhooks.queueDeliveries().handle(created)).isEqualTo(2);
        assertThat(webhooks.queueDeliveries().handle(created)).as("redelivered").isZero();

        assertThat(webhooks.manage().deliveries(appointments.id(), 10)).singleElement()
                .satisfies(delivery -> assertThat(delivery.event()).isEqualTo(created));
        assertThat(webhooks.manage().deliveries(everything.id(), 10)).hasSize(1);
        assertThat(webhooks.manage().deliveries(paused.id(), 10)).isEmpty();
    }

    @Test
    void anEventThatNobodySubscribesToLeavesNoInboxRecord() {
        register("https://crm.example.com/a", "appointment.*");
        EventEnvelope locked = slotLocked();

        assertThat(webhooks.queueDeliveries().handle(locked)).isZero();

        assertThat(ports.unitOfWork().execute(() -> ports.inbox().record("webhooks", locked.eventId(), NOW)))
                .as("not recorded before").isTrue();
    }

    @Test
    void aFailingReceiverGetsTheSameDeliveryAgainAfterGrowingDelaysUntilItAnswers2xx() {
        Webhook webhook = register("https://crm.example.com/in", "*");
        sender.script(webhook, 500, 500, 200);
        webhooks.queueDeliveries().handle(appointmentCreated());
        WebhookDispatcher dispatcher = webhooks.dispatcher(pool);

        List<Instant> attemptTimes = new ArrayList<>();
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(dispatcher.dispatchDue()).as("attempt %d is due", attempt).isEqualTo(1);
            await().until(() -> dispatcher.inFlight() == 0);
            WebhookDelivery delivery = onlyDelivery(webhook);
            attemptTimes.add(delivery.lastAttempt().orElseThrow().attemptedAt());
            if (attempt < 3) {
                Instant next = delivery.nextAttemptAt().orElseThrow();
                clock.set(next.minusMillis(1));
                assertThat(dispatcher.dispatchDue()).as("not before its time").isZero();
                clock.set(next);
            }
        }

        WebhookDelivery delivered = onlyDelivery(webhook);
        assertThat(delivered.status()).isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(delivered.attempts()).extracting(attempt -> attempt.responseCode().orElseThrow())
                .containsExactly(500, 500, 200);
        assertThat(sender.deliveryIds(webhook)).hasSize(3).containsOnly(delivered.id());
        Duration firstWait = Duration.between(attemptTimes.get(0), attemptTimes.get(1));
        Duration secondWait = Duration.between(attemptTimes.get(1), attemptTimes.get(2));
        assertThat(firstWait).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36));
        assertThat(secondWait).isGreaterThan(firstWait);
        assertThat(meters.get("webhooks.deliveries").tag("result", "retrying").counter().count()).isEqualTo(2);
        assertThat(meters.get("webhooks.deliveries").tag("result", "succeeded").counter().count()).isEqualTo(1);
        assertThat(webhooks.manage().get(webhook.id()).consecutiveFailures()).isZero();
    }

    @Test
    void consecutiveFailedAttemptsDeactivateTheWebhookAndAnActivationResumesItsDeliveries() {
        Webhook webhook = register("https://crm.example.com/in", "*");
        sender.script(webhook, 503, 503, 503, 503, 200);
        for (int i = 0; i < 3; i++) {
            webhooks.queueDeliveries().handle(appointmentCreated());
        }
        WebhookDispatcher dispatcher = webhooks.dispatcher(pool);

        while (dispatcher.dispatchDue() > 0 || dispatcher.inFlight() > 0) {
            await().until(() -> dispatcher.inFlight() == 0);
        }

        Webhook after = webhooks.manage().get(webhook.id());
        assertThat(after.active()).isFalse();
        assertThat(after.consecutiveFailures()).isEqualTo(3);
        assertThat(sender.deliveryIds(webhook)).hasSize(3);
        assertThat(meters.get("webhooks.deactivated").counter().count()).isEqualTo(1);
        clock.advance(Duration.ofHours(2));
        assertThat(dispatcher.dispatchDue()).as("an inactive webhook gets nothing").isZero();
        UUID someDelivery = sender.deliveryIds(webhook).get(0);
        assertThatThrownBy(() -> webhooks.manage().redeliver(webhook.id(), someDelivery))
                .isInstanceOfSatisfying(RefusedException.class,
                        e -> assertThat(e.refusal()).isEqualTo(Refusal.WEBHOOK_INACTIVE));

        webhooks.manage().update(webhook.id(), new WebhookChanges(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(true)));
        assertThat(webhooks.manage().get(webhook.id()).consecutiveFailures()).isZero();
        assertThat(dispatcher.dispatchDue()).as("its pending deliveries resume").isPositive();
    }

    @Test
    void aRedeliverySendsAFailedDeliveryAgainWithTheSameId() {
        webhooks = webhooks(ONE_FAILURE_ENDS_A_ROUND);
        Webhook webhook = register("https://crm.example.com/in", "*");
        sender.script(webhook, 500, 200);
        webhooks.queueDeliveries().handle(appointmentCreated());
        WebhookDispatcher dispatcher = webhooks.dispatcher(pool);
        dispatcher.dispatchDue();
        await().until(() -> dispatcher.inFlight() == 0);
        WebhookDelivery failed = onlyDelivery(webhook);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(meters.get("webhooks.deliveries").tag("result", "failed").counter().count()).isEqualTo(1);

        WebhookDelivery again = webhooks.manage().redeliver(webhook.id(), failed.id());
        assertThat(again.status()).isEqualTo(DeliveryStatus.PENDING);
        dispatcher.dispatchDue();
        await().until(() -> dispatcher.inFlight() == 0);

        assertThat(onlyDelivery(webhook).status()).isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(sender.deliveryIds(webhook)).containsExactly(failed.id(), failed.id());
        assertThatThrownBy(() -> webhooks.manage().redeliver(webhook.id(), UUID.randomUUID()))
                .isInstanceOfSatisfying(RefusedException.class,
                        e -> assertThat(e.refusal()).isEqualTo(Refusal.DELIVERY_NOT_FOUND));
        Webhook other = register("https://crm.example.com/other", "*");
        assertThatThrownBy(() -> webhooks.manage().redeliver(other.id(), failed.id()))
                .as("a delivery of another webhook").isInstanceOf(RefusedException.class);
    }

    @Test
    void aRedeliveryMadeWhileAnAttemptIsUnderwayIsNotUndoneByThatAttemptsOutcome() {
        // The attempt under way decides FAILED for the round it began in.
        webhooks = webhooks(ONE_FAILURE_ENDS_A_ROUND);
        Webhook webhook = register("https://crm.example.com/in", "*");
        CountDownLatch answer = new CountDownLatch(1);
        sender.hangOn(webhook, answer);
        sender.script(webhook, 500);
        webhooks.queueDeliveries().handle(appointmentCreated());
        WebhookDispatcher dispatcher = webhooks.dispatcher(pool);
        dispatcher.dispatchDue();
        await().until(() -> sender.deliveryIds(webhook).size() == 1);
        clock.advance(Duration.ofSeconds(5));

        WebhookDelivery redelivered = webhooks.manage().redeliver(webhook.id(), onlyDelivery(webhook).id());
        answer.countDown();
        await().until(() -> dispatcher.inFlight() == 0);

        WebhookDelivery stored = onlyDelivery(webhook);
        assertThat(stored.status()).as("the operator's new round stands").isEqualTo(DeliveryStatus.PENDING);
        assertThat(stored.roundStartedAt()).isEqualTo(redelivered.roundStartedAt());
        assertThat(stored.nextAttemptAt()).contains(clock.instant());
        assertThat(stored.attempts()).as("the late attempt is in the log").singleElement()
                .satisfies(attempt -> assertThat(attempt.responseCode()).contains(500));
        dispatcher.dispatchDue();
        await().until(() -> dispatcher.inFlight() == 0);
        assertThat(onlyDelivery(webhook).status()).isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(sender.deliveryIds(webhook)).hasSize(2);
    }

    @Test
    void anAttemptThatOutlivesItsLeaseNeitherOverridesNorBlocksTheAttemptThatTookTheDeliveryOver() {
        webhooks = webhooks(ONE_FAILURE_ENDS_A_ROUND);
        Webhook webhook = register("https://crm.example.com/in", "*");
        CountDownLatch firstAnswer = new CountDownLatch(1);
        sender.hangOn(webhook, firstAnswer);
        sender.script(webhook, 500, 200);
        webhooks.queueDeliveries().handle(appointmentCreated());
        WebhookDispatcher dispatcher = webhooks.dispatcher(pool);
        dispatcher.dispatchDue();
        await().until(() -> sender.deliveryIds(webhook).size() == 1);
        clock.advance(ONE_FAILURE_ENDS_A_ROUND.lease());
        CountDownLatch secondAnswer = new CountDownLatch(1);
        sender.hangOn(webhook, secondAnswer);
        dispatcher.dispatchDue();
        await().until(() -> sender.deliveryIds(webhook).size() == 2);
        WebhookDelivery takenOver = onlyDelivery(webhook);

        firstAnswer.countDown();
        await().until(() -> onlyDelivery(webhook).attempts().size() == 1);

        WebhookDelivery afterTheLateOne = onlyDelivery(webhook);
        assertThat(afterTheLateOne.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(afterTheLateOne.nextAttemptAt()).as("the second lease stands").isEqualTo(takenOver.nextAttemptAt());
        secondAnswer.countDown();
        await().until(() -> dispatcher.inFlight() == 0);
        WebhookDelivery delivered = onlyDelivery(webhook);
        assertThat(delivered.status()).as("decided by the attempt that held the lease").isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(delivered.attempts()).extracting(attempt -> attempt.responseCode().orElseThrow())
                .containsExactly(500, 200);
    }

    @Test
    void aReceiverThatHangsHoldsBackOnlyItsOwnDeliveries() throws InterruptedException {
        Webhook hanging = register("https://crm.example.com/hangs", "*");
        Webhook healthy = register("https://crm.example.com/fine", "*");
        CountDownLatch release = new CountDownLatch(1);
        sender.hangOn(hanging, release);
        for (int i = 0; i < 6; i++) {
            webhooks.queueDeliveries().handle(slotLocked());
        }
        WebhookDispatcher dispatcher = webhooks.dispatcher(pool);

        try {
            for (int tick = 0; tick < 20 && sender.deliveryIds(healthy).size() < 6; tick++) {
                dispatcher.dispatchDue();
                Thread.sleep(20);
            }

            assertThat(sender.deliveryIds(healthy)).hasSize(6);
            assertThat(sender.maxInFlight(hanging)).isEqualTo(WebhookSettings.defaults().perWebhook());
        } finally {
            release.countDown();
        }
        await().until(() -> dispatcher.inFlight() == 0);
    }

    private Webhooks webhooks(WebhookSettings settings) {
        return new Webhooks(ports, sender, resolver, settings, meters, OpenTelemetry.noop());
    }

    private Webhook register(String url, String... events) {
        return webhooks.manage().register(new NewWebhook(url, List.of(events), "test"));
    }

    private static WebhookChanges changes(Optional<String> url, Optional<List<String>> events) {
        return new WebhookChanges(url, events, Optional.empty(), Optional.empty());
    }

    private WebhookDelivery onlyDelivery(Webhook webhook) {
        List<WebhookDelivery> deliveries = webhooks.manage().deliveries(webhook.id(), 10);
        assertThat(deliveries).hasSize(1);
        return deliveries.get(0);
    }

    private EventEnvelope appointmentCreated() {
        return new EventEnvelope(UUID.randomUUID(), clock.instant(), new AppointmentCreated(
                new AppointmentId(UUID.randomUUID().toString()), new ReservationToken("tok-" + UUID.randomUUID()), new ClientId("c1"),
                new UnitId("u1"), new ServiceId("s1"), LocalDate.of(2030, 3, 5), LocalTime.of(9, 0),
                LocalTime.of(9, 30), 1));
    }

    private EventEnvelope slotLocked() {
        return new EventEnvelope(UUID.randomUUID(), clock.instant(), new SlotLocked(new ReservationToken("tok-" + UUID.randomUUID()),
                new UnitId("u1"), new ServiceId("s1"), LocalDate.of(2030, 3, 5), LocalTime.of(9, 0),
                LocalTime.of(9, 30), 1, 2, 1, clock.instant().plusSeconds(300)));
    }

    /** Answers each webhook's attempts from a script (200 once it runs out), or hangs until released. */
    private final class ScriptedSender implements WebhookSender {
        private final Map<String, List<Integer>> scripts = new ConcurrentHashMap<>();
        private final Map<String, List<UUID>> sent = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> hangs = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();

        void script(Webhook webhook, Integer... codes) {
            scripts.put(webhook.id().value(), Collections.synchronizedList(new ArrayList<>(List.of(codes))));
        }

        void hangOn(Webhook webhook, CountDownLatch release) {
            hangs.put(webhook.id().value(), release);
        }

        List<UUID> deliveryIds(Webhook webhook) {
            return List.copyOf(sent.getOrDefault(webhook.id().value(), List.of()));
        }

        int maxInFlight(Webhook webhook) {
            return maxInFlight.getOrDefault(webhook.id().value(), new AtomicInteger()).get();
        }

        @Override
        public DeliveryAttempt send(Webhook webhook, WebhookDelivery delivery, Instant at) {
            String id = webhook.id().value();
            Function<String, AtomicInteger> zero = key -> new AtomicInteger();
            int now = inFlight.computeIfAbsent(id, zero).incrementAndGet();
            maxInFlight.computeIfAbsent(id, zero).accumulateAndGet(now, Math::max);
            try {
                sent.computeIfAbsent(id, key -> Collections.synchronizedList(new ArrayList<>())).add(delivery.id());
                CountDownLatch hang = hangs.get(id);
                if (hang != null && !hang.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("never released");
                }
                List<Integer> script = scripts.getOrDefault(id, List.of());
                int code = script.isEmpty() ? 200 : script.remove(0);
                return DeliveryAttempt.answered(at, code, Duration.ofMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return DeliveryAttempt.unanswered(at, Duration.ZERO, "interrupted");
            } finally {
                inFlight.get(id).decrementAndGet();
            }
        }
    }
}
