package dev.scheduling.application.service;

import dev.scheduling.application.port.in.AuthenticateClientUseCase;
import dev.scheduling.application.port.in.RequestLoginCodeUseCase;
import dev.scheduling.application.port.in.VerifyLoginCodeUseCase;
import dev.scheduling.application.port.out.AccessTokens;
import dev.scheduling.application.port.out.ClientRepository;
import dev.scheduling.application.port.out.IdentifierGenerator;
import dev.scheduling.application.port.out.LoginStateRepository;
import dev.scheduling.application.port.out.Notifier;
import dev.scheduling.application.port.out.OneTimeCodes;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.client.Client;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.client.Recipient;
import dev.scheduling.domain.login.LoginCode;
import dev.scheduling.domain.login.LoginPolicy;
import dev.scheduling.domain.login.LoginState;
import io.opentelemetry.api.trace.Tracer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one-time-code login. A code goes from here straight to the notifier, never through the event
 * bus, and only its keyed hash is stored. Requests for known and unknown recipients take the same path
 * (a client is created at its first successful login), so the answers tell nothing about who is known.
 * Spans carry neither codes nor tokens.
 */
public final class ClientLoginService implements RequestLoginCodeUseCase, VerifyLoginCodeUseCase,
        AuthenticateClientUseCase {
    static final String LOGIN_CODE_TEMPLATE = "login_code";
    /** Compare-and-set retries: each is one concurrent request for the same recipient. */
    private static final int ATTEMPTS = 10;

    private final LoginStateRepository loginStates;
    private final ClientRepository clients;
    private final OneTimeCodes codes;
    private final AccessTokens tokens;
    private final Notifier notifier;
    private final IdentifierGenerator ids;
    private final Clock clock;
    private final LoginPolicy policy;
    private final Traced traced;

    public ClientLoginService(LoginStateRepository loginStates, ClientRepository clients, OneTimeCodes codes,
                              AccessTokens tokens, Notifier notifier, IdentifierGenerator ids, Clock clock,
                              LoginPolicy policy, Tracer tracer) {
        this.loginStates = loginStates;
        this.clients = clients;
        this.codes = codes;
        this.tokens = tokens;
        this.notifier = notifier;
        this.ids = ids;
        this.clock = clock;
        this.policy = policy;
        this.traced = new Traced(tracer);
    }

    @Override
    public CodeSent requestCode(Recipient recipient) {
        return traced.span("ClientLogin.requestCode", span -> {
            span.setAttribute("channel", recipient.channel().name());
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Instant now = now();
                LoginState state = loginStates.find(recipient).orElseGet(() -> LoginState.fresh(recipient));
                String code = codes.newCode();
                LoginState next = state.issue(codes.hash(recipient, code), now, policy);
                if (loginStates.save(next)) {
                    notifier.send(new Notifier.Notification(ids.newUuid(), recipient, LOGIN_CODE_TEMPLATE,
                            "Your code is " + code + ". It expires in " + readable(policy.codeTtl())
                                    + ". Never share it.", now));
                    LoginCode issued = next.code().orElseThrow();
                    return new CodeSent(issued.expiresAt(), next.resendAvailableAt(policy).orElseThrow());
                }
            }
            throw new RefusedException(Refusal.OTP_COOLDOWN, "codes were just requested for this recipient",
                    policy.resendCooldown().isZero() ? Duration.ofSeconds(1) : policy.resendCooldown());
        });
    }

    @Override
    public LoggedIn verifyCode(Recipient recipient, String code) {
        return traced.span("ClientLogin.verifyCode", span -> {
            span.setAttribute("channel", recipient.channel().name());
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Instant now = now();
                // A recipient that never asked for a code is tried like any other and its failure counted:
                // answering it differently (never throttled) would tell a guesser which recipients are clients.
                LoginState stored = loginStates.find(recipient).orElseGet(() -> LoginState.fresh(recipient));
                LoginState.Attempt tried = stored.verify(hash -> codes.matches(hash, recipient, code), now, policy);
                if (!tried.next().equals(stored) && !loginStates.save(tried.next())) {
                    continue;
                }
                if (tried.refusal().isPresent()) {
                    throw tried.refusal().get();
                }
                Client client = clients.findOrAdd(new Client(new ClientId(ids.newId()), recipient, now));
                AccessTokens.IssuedToken token = tokens.issue(client.id(), now);
                return new LoggedIn(token.token(), token.expiresAt(), client.id());
            }
            // Every round lost to another try of the same recipient: so many at once is itself a flood.
            throw new RefusedException(Refusal.TOO_MANY_ATTEMPTS, "too many tries at once for this recipient",
                    Duration.ofSeconds(1));
        });
    }

    @Override
    public Optional<ClientId> authenticate(String accessToken) {
        // A well-signed token of a client that no longer exists (a reset store, another environment's
        // secret) proves nothing about anyone here.
        return tokens.verify(accessToken, now()).filter(clientId -> clients.findById(clientId).isPresent());
    }

    private static String readable(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 60 == 0) {
            return seconds / 60 + (seconds == 60 ? " minute" : " minutes");
        }
        return seconds + (seconds == 1 ? " second" : " seconds");
    }

    private Instant now() {
        return Bookkeeping.now(clock);
    }
}
