package dev.scheduling.bootstrap.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.bootstrap.Configuration;
import dev.scheduling.bootstrap.ServiceRuntime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One running service for the hostile-input tests, and real ids to aim at: a unit open every day, a
 * service, a live lock, a logged-in client with an appointment, a webhook (and its delivery, when the
 * dispatcher made one), so that generated requests reach past the "no such id" answers into the handlers.
 */
final class HostileService implements AutoCloseable {
    static final String DATE = "2026-03-09";
    private static final Pattern SIX_DIGITS = Pattern.compile("\\b\\d{6}\\b");

    private final ServiceRuntime runtime;
    private final List<AutoCloseable> resources;
    private final String adminToken = "hostile-admin-" + UUID.randomUUID();
    /** Real values by the name of the path parameter or body field they fit. */
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final String clientToken;

    HostileService(Map<String, String> modeEnvironment, List<AutoCloseable> resources) {
        this.resources = new ArrayList<>(resources);
        Map<String, String> env = new HashMap<>(modeEnvironment);
        env.put(Configuration.ADMIN_TOKEN, adminToken);
        env.put(Configuration.DEV_MAILBOX, "true");
        env.put(Configuration.WEBHOOK_ALLOW_PRIVATE, "true");
        env.put(Configuration.TOKEN_SECRET, "hostile-input-secret-" + "x".repeat(32));
        runtime = ServiceRuntime.startForTest(Configuration.fromEnvironment(env),
                MutableClock.at("2026-03-02T12:00:00Z"), 0);
        ApiClient api = new ApiClient("http://127.0.0.1:" + runtime.port(), adminToken);

        Map<String, Object> hours = new LinkedHashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            hours.put(day, List.of(Map.of("start", "08:00", "end", "20:00")));
        }
        String unitId = ok(api.admin().post("/units", Map.of("name", "Hostile", "timeZone", "America/Sao_Paulo",
                "openingHours", hours)), 201).path("id").asText();
        String serviceId = ok(api.admin().post("/units/" + unitId + "/services", Map.of("name", "Consulta",
                "durationMinutes", 30, "capacity", 50)), 201).path("id").asText();
        ids.put("unitId", unitId);
        ids.put("serviceId", serviceId);
        ids.put("date", DATE);
        ids.put("from", DATE);
        ids.put("to", "2026-03-12");
        ids.put("startTime", "09:00");

        String email = "hostile-" + UUID.randomUUID() + "@example.com";
        ok(api.post("/auth/login-client/request", Map.of("email", email)), 202);
        String code = null;
        for (JsonNode notification : ok(api.get("/dev/notifications?recipient=" + email), 200).path("notifications")) {
            Matcher digits = SIX_DIGITS.matcher(notification.path("body").asText());
            if (digits.find()) {
                code = digits.group();
            }
        }
        JsonNode session = ok(api.post("/auth/login-client/verify", Map.of("email", email, "code", code)), 200);
        clientToken = session.path("accessToken").asText();
        ids.put("email", email);
        ids.put("recipient", email);
        ids.put("code", code);

        ok(api.admin().post("/webhooks", Map.of("url", "http://127.0.0.1:9/hostile", "events",
                List.of("appointment.*"), "description", "hostile")), 201);
        String webhookId = ok(api.admin().get("/webhooks"), 200).path("webhooks").get(0).path("id").asText();
        ids.put("webhookId", webhookId);

        String booked = lock(api, "10:00");
        ApiClient client = api.withHeader("Authorization", "Bearer " + clientToken);
        ids.put("appointmentId", ok(client.post("/appointments", Map.of("reservationToken", booked)), 201)
                .path("id").asText());
        ids.put("reservationToken", lock(api, "09:00"));
        for (JsonNode delivery : ok(api.admin().get("/webhooks/" + webhookId + "/deliveries"), 200)
                .path("deliveries")) {
            ids.put("deliveryId", delivery.path("id").asText());
        }
        ids.putIfAbsent("deliveryId", UUID.randomUUID().toString());
        ids.put("asset", "swagger-ui.css");
        ids.put("url", "http://127.0.0.1:9/other");
    }

    private String lock(ApiClient api, String time) {
        return ok(api.post("/slots/lock", Map.of("unitId", ids.get("unitId"), "serviceId", ids.get("serviceId"),
                "date", DATE, "startTime", time)), 201).path("reservationToken").asText();
    }

    private static JsonNode ok(ApiClient.Reply reply, int status) {
        if (reply.status() != status) {
            throw new IllegalStateException("fixture: " + reply.describe());
        }
        return reply.json();
    }

    int port() {
        return runtime.port();
    }

    String adminToken() {
        return adminToken;
    }

    String clientToken() {
        return clientToken;
    }

    /** A real value for a path parameter or a field of that name, or null. */
    String real(String name) {
        return ids.get(name);
    }

    @Override
    public void close() throws Exception {
        runtime.close();
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }
}
