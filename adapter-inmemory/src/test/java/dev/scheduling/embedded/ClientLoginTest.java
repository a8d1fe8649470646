package dev.scheduling.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.scheduling.application.ClientPorts;
import dev.scheduling.application.port.in.RequestLoginCodeUseCase.CodeSent;
import dev.scheduling.application.port.in.VerifyLoginCodeUseCase.LoggedIn;
import dev.scheduling.application.port.out.Notifier;
import dev.scheduling.application.port.out.OneTimeCodes;
import dev.scheduling.application.testing.Race;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.client.Channel;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.client.Recipient;
import dev.scheduling.domain.login.LoginState;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The one-time-code login of API.md and ADR 0006, through the use cases, with the code read from the
 * dev mailbox as a client would read its SMS or e-mail. Defaults: 5-minute codes, 5 wrong tries a
 * code, 30 s between codes, throttled from 10 consecutive failures (1 s, doubling), locked out at 100.
 */
class ClientLoginTest {
    private static final Instant START = Instant.parse(EmbeddedCore.START);
    private static final Recipient ANA = Recipient.phone("+5511999990000");
    private static final Recipient BIA = Recipient.email("bia@example.com");

    /** Counts how often a code was compared with a stored hash: a guess that was evaluated. */
    private final AtomicInteger comparisons = new AtomicInteger();
    private final EmbeddedCore core = EmbeddedCore.withClientPorts(ports -> new ClientPorts(
            counting(ports.codes()), ports.tokens(), ports.notifier()));

    private OneTimeCodes counting(OneTimeCodes codes) {
        return new OneTimeCodes() {
            @Override
            public String newCode() {
                return codes.newCode();
            }

            @Override
            public String hash(Recipient recipient, String code) {
                return codes.hash(recipient, code);
            }

            @Override
            public boolean matches(String storedHash, Recipient recipient, String code) {
                comparisons.incrementAndGet();
                return codes.matches(storedHash, recipient, code);
            }
        };
    }

    private CodeSent request(Recipient recipient) {
        return core.scheduling.requestLoginCode().requestCode(recipient);
    }

    private LoggedIn verify(Recipient recipient, String code) {
        return core.scheduling.verifyLoginCode().verifyCode(recipient, code);
    }

    private RefusedException refusedVerify(Recipient recipient, String code) {
        RefusedException refused = catchThrowableOfType(RefusedException.class, () -> verify(recipient, code));
        assertThat(refused).as("verifying %s was refused", code).isNotNull();
        return refused;
    }

    private String code(Recipient recipient) {
        return core.lastCodeSentTo(recipient);
    }

    /** A code that is surely not the one sent. */
    private static String wrong(String code) {
        return String.format(java.util.Locale.ROOT, "%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    private LoginState state(Recipient recipient) {
        return core.ports.loginStates().find(recipient).orElseThrow();
    }

    private List<Notifier.Notification> mailbox(Recipient recipient) {
        return core.adapters.devNotifier().sent(Optional.of(recipient.address()));
    }

    @Test
    void aClientAsksForACodeReadsItFromTheMailboxAndLogsIn() {
        CodeSent sent = request(ANA);

        assertThat(sent.expiresAt()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        assertThat(sent.resendAvailableAt()).isEqualTo(START.plusSeconds(30));
        List<Notifier.Notification> notices = mailbox(ANA);
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).template()).isEqualTo("login_code");
        assertThat(notices.get(0).recipient()).isEqualTo(ANA);
        assertThat(notices.get(0).recipient().channel()).isEqualTo(Channel.SMS);
        String code = code(ANA);
        assertThat(code).matches("\\d{6}");
        assertThat(state(ANA).code().orElseThrow().hash()).as("only a hash is stored").doesNotContain(code);

        core.clock.advance(Duration.ofSeconds(20));
        LoggedIn loggedIn = verify(ANA, code);

        assertThat(loggedIn.accessToken()).isNotBlank();
        assertThat(loggedIn.expiresAt()).isEqualTo(START.plusSeconds(20).plus(Duration.ofHours(1)));
        assertThat(core.scheduling.authenticateClient().authenticate(loggedIn.accessToken()))
                .contains(loggedIn.clientId());
        assertThat(core.ports.clients().findById(loggedIn.clientId()).orElseThrow().recipient()).isEqualTo(ANA);
        assertThat(core.events).as("login never travels on the event bus").isEmpty();
    }

    @Test
    void knownAndUnknownRecipientsGetTheSameAnswer() {
        core.logIn(ANA);
        core.clock.advance(Duration.ofMinutes(10));

        CodeSent toKnown = request(ANA);
        CodeSent toUnknown = request(BIA);

        assertThat(toUnknown).isEqualTo(toKnown);
        assertThat(mailbox(BIA)).hasSize(1);
        assertThat(mailbox(ANA)).hasSize(2);
    }

    @Test
    void verifyingForARecipientThatNeverAskedIsInvalidCodeAndCountsLikeAnyWrongTry() {
        RefusedException refused = refusedVerify(BIA, "123456");

        assertThat(refused.refusal()).isEqualTo(Refusal.INVALID_CODE);
        assertThat(comparisons).as("no code to compare with").hasValue(0);
        // Counted, so that a stranger is throttled exactly like a client: the throttle tells no one apart.
        assertThat(state(BIA).consecutiveFailures()).isEqualTo(1);
        assertThat(state(BIA).code()).isEmpty();
    }

    @Test
    void askingAgainWithinTheCooldownIsRefusedWithRetryAfterAndSendsNothing() {
        request(ANA);
        core.clock.advance(Duration.ofSeconds(12));

        RefusedException refused = catchThrowableOfType(RefusedException.class, () -> request(ANA));

        assertThat(refused.refusal()).isEqualTo(Refusal.OTP_COOLDOWN);
        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(18));
        assertThat(mailbox(ANA)).hasSize(1);
    }

    @Test
    void concurrentCodeRequestsDoNotBothPassTheCooldown() {
        List<Race.Outcome<CodeSent>> outcomes = Race.run(8, i -> request(ANA));

        assertThat(Race.count(outcomes, Race.Outcome::succeeded)).isEqualTo(1);
        assertThat(outcomes).filteredOn(outcome -> !outcome.succeeded()).allSatisfy(outcome ->
                assertThat(((RefusedException) outcome.failure()).refusal()).isEqualTo(Refusal.OTP_COOLDOWN));
        assertThat(mailbox(ANA)).hasSize(1);
        assertThat(verify(ANA, code(ANA)).clientId()).as("the one code sent is the one stored").isNotNull();
    }

    @Test
    void afterTheCooldownANewCodeIsSentAndThePreviousOneIsVoid() {
        request(ANA);
        String first = code(ANA);
        core.clock.advance(Duration.ofSeconds(30));

        request(ANA);
        String second = code(ANA);

        assertThat(mailbox(ANA)).hasSize(2);
        if (!first.equals(second)) {
            assertThat(refusedVerify(ANA, first).refusal()).isEqualTo(Refusal.INVALID_CODE);
        }
        assertThat(verify(ANA, second).clientId()).isNotNull();
    }

    @Test
    void aCodeExpiresAfterFiveMinutes() {
        request(ANA);
        String code = code(ANA);
        core.clock.advance(Duration.ofMinutes(5));

        assertThat(refusedVerify(ANA, code).refusal()).isEqualTo(Refusal.INVALID_CODE);
        assertThat(comparisons).as("an expired code is not compared").hasValue(0);
    }

    @Test
    void aCodeIsStillValidJustBeforeItExpires() {
        request(ANA);
        core.clock.advance(Duration.ofMinutes(5).minusMillis(1));

        assertThat(verify(ANA, code(ANA)).clientId()).isNotNull();
    }

    @Test
    void aCodeWorksOnce() {
        request(ANA);
        String code = code(ANA);
        verify(ANA, code);

        assertThat(refusedVerify(ANA, code).refusal()).isEqualTo(Refusal.INVALID_CODE);
    }

    @Test
    void afterFiveWrongTriesTheRightCodeIsRefusedWithTooManyAttempts() {
        request(ANA);
        String code = code(ANA);
        for (int i = 0; i < 5; i++) {
            assertThat(refusedVerify(ANA, wrong(code)).refusal()).isEqualTo(Refusal.INVALID_CODE);
        }

        RefusedException refused = refusedVerify(ANA, code);

        assertThat(refused.refusal()).isEqualTo(Refusal.TOO_MANY_ATTEMPTS);
        assertThat(comparisons).as("the void code was not compared").hasValue(5);
        assertThat(state(ANA).consecutiveFailures()).isEqualTo(6);
    }

    @Test
    void newCodesDoNotResetTheFailuresAndPastTenTheRecipientIsThrottledWithAGrowingDelay() {
        request(ANA);
        for (int i = 0; i < 5; i++) {
            refusedVerify(ANA, wrong(code(ANA)));
        }
        core.clock.advance(Duration.ofSeconds(30));
        request(ANA);
        assertThat(state(ANA).consecutiveFailures()).as("a new code keeps the count").isEqualTo(5);
        for (int i = 0; i < 4; i++) {
            refusedVerify(ANA, wrong(code(ANA)));
        }
        core.clock.advance(Duration.ofSeconds(30));
        request(ANA);
        String third = code(ANA);
        assertThat(refusedVerify(ANA, wrong(third)).refusal()).isEqualTo(Refusal.INVALID_CODE);
        assertThat(state(ANA).consecutiveFailures()).isEqualTo(10);
        LoginState atTen = state(ANA);
        int compared = comparisons.get();

        RefusedException throttled = refusedVerify(ANA, third);

        assertThat(throttled.refusal()).isEqualTo(Refusal.TOO_MANY_ATTEMPTS);
        assertThat(throttled.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(state(ANA)).as("a throttled try changes nothing").isEqualTo(atTen);
        assertThat(comparisons).as("a throttled try is not evaluated").hasValue(compared);

        core.clock.advance(Duration.ofSeconds(1));
        assertThat(refusedVerify(ANA, wrong(third)).refusal()).isEqualTo(Refusal.INVALID_CODE);
        core.clock.advance(Duration.ofMillis(1_500));
        assertThat(refusedVerify(ANA, third).retryAfter()).as("the delay doubles").contains(Duration.ofMillis(500));

        core.clock.advance(Duration.ofMillis(500));
        assertThat(verify(ANA, third).clientId()).isNotNull();
        assertThat(state(ANA).consecutiveFailures()).as("only a success resets the count").isZero();
    }

    @Test
    void atOneHundredConsecutiveFailuresTheRecipientIsLockedOutAndNoGuessIsEvaluatedBeyond() {
        for (int i = 0; i < 100; i++) {
            core.clock.advance(Duration.ofDays(1).plusSeconds(1));
            request(ANA);
            assertThat(refusedVerify(ANA, wrong(code(ANA))).refusal()).as("guess %d", i + 1)
                    .isEqualTo(Refusal.INVALID_CODE);
        }
        assertThat(state(ANA).consecutiveFailures()).isEqualTo(100);
        assertThat(comparisons).hasValue(100);

        for (int i = 0; i < 5; i++) {
            core.clock.advance(Duration.ofDays(2));
            request(ANA);
            assertThat(refusedVerify(ANA, code(ANA)).refusal()).as("the right code after the lockout")
                    .isEqualTo(Refusal.TOO_MANY_ATTEMPTS);
        }

        assertThat(comparisons).as("no guess is evaluated beyond the 100th").hasValue(100);
        assertThat(state(ANA).consecutiveFailures()).isEqualTo(100);
    }

    @Test
    void theSameRecipientAlwaysMapsToTheSameClient() {
        ClientId first = core.logIn(BIA).clientId();
        core.clock.advance(Duration.ofMinutes(1));
        ClientId second = core.logIn(BIA).clientId();
        core.clock.advance(Duration.ofMinutes(1));
        ClientId otherCase = core.logIn(Recipient.email("  BIA@Example.COM")).clientId();
        ClientId someoneElse = core.logIn(ANA).clientId();

        assertThat(second).isEqualTo(first);
        assertThat(otherCase).isEqualTo(first);
        assertThat(someoneElse).isNotEqualTo(first);
    }

    @Test
    void concurrentWrongGuessesFromManyThreadsAllCount() {
        request(ANA);
        String code = code(ANA);
        // Ten guesses: each can lose the compare-and-set only to the nine others, so none gives up.
        int guesses = 10;

        List<Race.Outcome<LoggedIn>> outcomes = Race.run(guesses, i -> verify(ANA, wrong(code)));

        assertThat(outcomes).noneMatch(Race.Outcome::succeeded);
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isInstanceOf(RefusedException.class));
        List<Refusal> refusals = outcomes.stream().map(outcome -> ((RefusedException) outcome.failure()).refusal())
                .toList();
        assertThat(refusals).filteredOn(Refusal.INVALID_CODE::equals).as("evaluated against the code").hasSize(5);
        assertThat(refusals).filteredOn(Refusal.TOO_MANY_ATTEMPTS::equals).as("against the void code").hasSize(5);
        assertThat(state(ANA).consecutiveFailures()).isEqualTo(guesses);
        assertThat(state(ANA).code().orElseThrow().wrongAttempts()).as("no more than 5 wrong tries on one code")
                .isEqualTo(5);
    }

    @Test
    void concurrentWrongGuessesAtTheLockoutThresholdGetOnlyOneEvaluated() {
        for (int i = 0; i < 99; i++) {
            core.clock.advance(Duration.ofDays(1).plusSeconds(1));
            request(ANA);
            refusedVerify(ANA, wrong(code(ANA)));
        }
        core.clock.advance(Duration.ofDays(1).plusSeconds(1));
        request(ANA);
        String code = code(ANA);

        List<Race.Outcome<LoggedIn>> outcomes = Race.run(20, i -> verify(ANA, wrong(code)));

        List<Refusal> refusals = outcomes.stream().map(outcome -> ((RefusedException) outcome.failure()).refusal())
                .toList();
        assertThat(refusals).filteredOn(Refusal.INVALID_CODE::equals).hasSize(1);
        assertThat(refusals).filteredOn(Refusal.TOO_MANY_ATTEMPTS::equals).hasSize(19);
        assertThat(state(ANA).consecutiveFailures()).isEqualTo(100);
    }

    @Test
    void theCodeNeverAppearsInSpansOrRefusals() {
        request(ANA);
        String code = code(ANA);
        List<RefusedException> refusals = new ArrayList<>();
        refusals.add(refusedVerify(ANA, wrong(code)));
        LoggedIn loggedIn = verify(ANA, code);
        refusals.add(refusedVerify(ANA, code));
        refusals.add(catchThrowableOfType(RefusedException.class, () -> request(ANA)));
        refusals.add(refusedVerify(BIA, code));

        List<String> secrets = List.of(code, wrong(code), loggedIn.accessToken());
        for (RefusedException refused : refusals) {
            assertThat(refused.getMessage()).doesNotContain(secrets);
            assertThat(String.valueOf(refused)).doesNotContain(secrets);
        }
        List<SpanData> spans = core.spans.getFinishedSpanItems();
        assertThat(spans).extracting(SpanData::getName).contains("ClientLogin.requestCode", "ClientLogin.verifyCode");
        for (SpanData span : spans) {
            assertThat(span.toString()).as("span %s", span.getName()).doesNotContain(secrets);
            span.getAttributes().forEach((key, value) -> assertThat(String.valueOf(value)).doesNotContain(secrets));
            for (EventData event : span.getEvents()) {
                assertThat(event.getAttributes().toString()).doesNotContain(secrets);
            }
            assertThat(span.getStatus().getDescription()).doesNotContain(secrets);
        }
        List<SpanData> loginSpans = new ArrayList<>(core.spansNamed("ClientLogin.requestCode"));
        loginSpans.addAll(core.spansNamed("ClientLogin.verifyCode"));
        assertThat(loginSpans).allSatisfy(span -> {
            assertThat(span.getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
                    .as("login spans carry the channel only (and a refusal code)").isSubsetOf("channel", "refusal");
            assertThat(span.getAttributes().get(AttributeKey.stringKey("channel"))).isIn("SMS", "EMAIL");
        });
        assertThat(loggedIn.toString()).doesNotContain(loggedIn.accessToken());
        assertThat(mailbox(ANA).get(0).toString()).doesNotContain(code);
        assertThat(core.events).isEmpty();
    }
}
