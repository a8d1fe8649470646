package dev.scheduling.adapter.http;

import dev.scheduling.application.Scheduling;
import dev.scheduling.application.port.in.ManageWebhooksUseCase;
import dev.scheduling.application.port.out.StoredResponse;
import dev.scheduling.domain.RefusedException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.micrometer.core.instrument.Timer;
import dev.scheduling.application.port.out.HealthCheck;
import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The HTTP server of the contract in {@code API.md}. Every handler returns a response value; failures
 * become problems in {@link Problems}. Requests are timed as {@code http.server.requests} by route
 * template, method and status, and traced in a server span ({@link ServerSpans}).
 */
public final class HttpApi {
    private static final String STARTED_AT = "scheduling.startedAt";
    private static final String UNMATCHED = "UNMATCHED";

    private final Javalin app;
    private final MeterRegistry meters;

    public HttpApi(Scheduling scheduling, ManageWebhooksUseCase webhooks, HttpSettings settings, MeterRegistry meters,
                   OpenTelemetry openTelemetry) {
        this(meters, openTelemetry, new OperationsRoutes(settings.metricsScrape(), settings.readiness()), routes -> {
            BearerToken admin = new BearerToken(settings.adminToken());
            CatalogRoutes catalog = new CatalogRoutes(scheduling);
            SlotRoutes slots = new SlotRoutes(scheduling);
            LoginRoutes login = new LoginRoutes(scheduling);
            AppointmentRoutes appointments = new AppointmentRoutes(scheduling);
            WebhookRoutes hooks = new WebhookRoutes(webhooks);

            routes.post("/units", guarded(admin, catalog::createUnit));
            routes.get("/units", guarded(admin, catalog::listUnits));
            routes.get("/units/{unitId}", open(catalog::unit));
            routes.patch("/units/{unitId}", guarded(admin, catalog::updateUnit));
            routes.post("/units/{unitId}/services", guarded(admin, catalog::createService));
            routes.get("/units/{unitId}/services", open(catalog::services));
            routes.get("/units/{unitId}/services/{serviceId}", open(catalog::service));
            routes.patch("/units/{unitId}/services/{serviceId}", guarded(admin, catalog::updateService));

            routes.get("/units/{unitId}/availability", open(slots::availability));
            routes.post("/slots/lock", open(slots::lock));
            routes.post("/slots/release", open(slots::release));
            routes.get("/slots/locks/{reservationToken}", open(slots::lockByToken));

            settings.loginRateLimit().map(AddressRateLimiter::new)
                    .map(limiter -> new LoginThrottle(limiter, settings.trustedProxies())).ifPresent(throttle ->
                    LoginThrottle.PATHS.forEach(path -> routes.before(path, throttle::check)));
            routes.post("/auth/login-client/request", open(login::requestCode));
            routes.post("/auth/login-client/verify", open(login::verifyCode));

            routes.post("/appointments", open(appointments::book));
            routes.get("/appointments/{appointmentId}", open(appointments::appointment));
            routes.post("/appointments/{appointmentId}/cancel", open(appointments::cancel));
            routes.post("/appointments/{appointmentId}/reschedule", open(appointments::reschedule));
            routes.get("/clients/me/appointments", open(appointments::mine));
            routes.get("/units/{unitId}/appointments", guarded(admin, appointments::agenda));

            routes.post("/webhooks", guarded(admin, hooks::register));
            routes.get("/webhooks", guarded(admin, hooks::list));
            routes.get("/webhooks/{webhookId}", guarded(admin, hooks::webhook));
            routes.patch("/webhooks/{webhookId}", guarded(admin, hooks::update));
            routes.delete("/webhooks/{webhookId}", guarded(admin, hooks::delete));
            routes.get("/webhooks/{webhookId}/deliveries", guarded(admin, hooks::deliveries));
            routes.post("/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver", guarded(admin, hooks::redeliver));

            settings.devMailbox().ifPresent(mailbox ->
                    routes.get("/dev/notifications", open(new DevRoutes(mailbox)::notifications)));

            DocsRoutes docs = new DocsRoutes();
            routes.get("/openapi.yaml", open(docs::openapi));
            routes.get("/docs", open(docs::page));
            routes.get("/docs/{asset}", open(docs::asset));

            BookingRoutes booking = new BookingRoutes(settings.frameAncestors());
            routes.get("/book/{unitId}", open(booking::page));
            BookingRoutes.ASSETS.keySet().forEach(name ->
                    routes.get(BookingRoutes.ASSET_PREFIX + name, open(ctx -> booking.asset(ctx, name))));
        }, new CorsPolicy(settings.corsOrigins()));
    }

    /**
     * A server of the operations routes only ({@code /health}, {@code /ready}, {@code /metrics}), with the
     * same problems and timing: for a process that serves no API, such as the notifications worker.
     */
    public static HttpApi operationsOnly(Supplier<String> metricsScrape, List<HealthCheck> readiness,
                                         MeterRegistry meters) {
        return new HttpApi(meters, OpenTelemetry.noop(), new OperationsRoutes(metricsScrape, readiness), routes -> {
        }, new CorsPolicy(Set.of()));
    }

    private HttpApi(MeterRegistry meters, OpenTelemetry openTelemetry, OperationsRoutes operations,
                    Consumer<RoutesConfig> apiRoutes, CorsPolicy cors) {
        this.meters = meters;
        ServerSpans spans = new ServerSpans(openTelemetry);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = RequestBodies.MAX_BYTES;
            config.http.prefer405over404 = true;
            // Jetty caches the header fields of a keep-alive connection and, by default, matches them ignoring
            // case: "Authorization: Bearer ABC" after "Authorization: Bearer abc" on one connection would reach
            // us as the cached lower-case value. Tokens and idempotency keys are case-sensitive.
            // One call: whether Javalin keeps several configurers of the HTTP configuration is not its contract.
            config.jetty.modifyHttpConfiguration(http -> {
                http.setHeaderCacheCaseSensitive(true);
                ServerLimits.apply(http);
            });
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(10_000);
                server.setErrorHandler(new JettyProblems());
                ServerLimits.apply(server);
            });

            config.routes.before(ctx -> {
                // A CORS preflight is answered here and skips every later handler, the after-handlers
                // too: it opens no span (whose scope only an after-handler would close) and is not timed.
                if (cors.apply(ctx)) {
                    return;
                }
                ctx.attribute(STARTED_AT, System.nanoTime());
                spans.open(ctx);
                RequestTargets.requireDecodablePath(ctx);
            });
            config.routes.after(ctx -> {
                String route = ServerSpans.route(ctx, UNMATCHED);
                spans.close(ctx, route);
                recordTiming(ctx, route);
            });

            apiRoutes.accept(config.routes);

            config.routes.get("/health", open(operations::health));
            config.routes.get("/ready", open(operations::ready));
            config.routes.get("/metrics", open(operations::metrics));
            config.routes.exception(HttpResponseException.class, (failure, ctx) -> {
                if (failure.getStatus() == 405) {
                    // RFC 9110: a 405 names the methods the resource allows; Javalin lists them as its detail.
                    failure.getDetails().values().stream().findFirst().ifPresent(methods -> ctx.header("Allow", methods));
                }
                respond(ctx, fromJavalin(failure));
            });
            config.routes.exception(Exception.class, (failure, ctx) -> {
                StoredResponse problem = Problems.of(failure);
                if (problem.status() == 401) {
                    // RFC 9110: a 401 says which authentication scheme would be accepted.
                    ctx.header("WWW-Authenticate", "Bearer");
                }
                if (failure instanceof RefusedException refused) {
                    // RFC 9110: whole seconds, rounded up so that a client retrying then is not early.
                    refused.retryAfter().ifPresent(wait -> ctx.header("Retry-After",
                            Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000))));
                }
                respond(ctx, problem);
            });
        });
    }

    /** Starts on the port; 0 picks a free one. */
    public HttpApi start(String host, int port) {
        app.start(host, port);
        ServerLimits.applyToConnectors(app.jettyServer().server());
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Stops accepting, lets requests in flight finish (up to 10 s), then stops. */
    public void stop() {
        app.stop();
    }

    private static io.javalin.http.Handler open(Function<Context, StoredResponse> handler) {
        return ctx -> respond(ctx, handler.apply(ctx));
    }

    private static io.javalin.http.Handler guarded(BearerToken token, Function<Context, StoredResponse> handler) {
        return ctx -> {
            token.require(ctx);
            respond(ctx, handler.apply(ctx));
        };
    }

    private static void respond(Context ctx, StoredResponse response) {
        if (response.status() == 204) {
            ctx.status(204);
            ctx.res().setContentType(null); // no content, and so no content type (Javalin's default is text/plain)
            return;
        }
        ctx.status(response.status()).contentType(response.contentType()).result(response.body());
    }

    /** Javalin's own refusals (no such route, wrong method) as problems with stable codes. */
    private static StoredResponse fromJavalin(HttpResponseException failure) {
        return failure.getStatus() < 500 ? problemForStatus(failure.getStatus(), failure.getMessage())
                : Problems.of(failure);
    }

    /** A refusal of the server itself (Javalin's or Jetty's), known only by its status. */
    static StoredResponse problemForStatus(int status, String detail) {
        return switch (status) {
            case 404 -> Problems.problem(404, "not_found", "no such resource", List.of());
            case 405 -> Problems.problem(405, "method_not_allowed", "the resource does not allow this method", List.of());
            case 408 -> Problems.problem(408, "request_timeout", "the request arrived too slowly", List.of());
            case 413 -> Problems.problem(413, "payload_too_large", "the body is too large", List.of());
            case 414 -> Problems.problem(414, "uri_too_long", "the request line is too long", List.of());
            case 431 -> Problems.problem(431, "header_fields_too_large", "the request headers are too large", List.of());
            default -> status < 500
                    ? Problems.problem(status, "bad_request", detail, List.of())
                    : Problems.problem(status, "internal_error", "the server could not handle the request", List.of());
        };
    }

    private void recordTiming(Context ctx, String route) {
        Long startedAt = ctx.attribute(STARTED_AT);
        if (startedAt == null) {
            return;
        }
        Timer.builder("http.server.requests")
                .description("HTTP requests by route template, method and status")
                .tag("method", ctx.method().name())
                .tag("uri", route)
                .tag("status", Integer.toString(ctx.statusCode()))
                .publishPercentileHistogram()
                .register(meters)
                .record(System.nanoTime() - startedAt, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
