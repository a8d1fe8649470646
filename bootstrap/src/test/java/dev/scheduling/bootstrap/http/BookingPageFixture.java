package dev.scheduling.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduling.application.port.out.Notifier;
import dev.scheduling.bootstrap.Configuration;
import dev.scheduling.bootstrap.ServiceRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * A running service in the embedded in-memory mode with the development mailbox, one unit open every day
 * in São Paulo time, and what the booking page's tests ask of the API behind the page's back.
 */
final class BookingPageFixture implements AutoCloseable {
    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    final ServiceRuntime runtime;
    final ApiClient api;
    final String unitId;

    BookingPageFixture(Clock clock, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(more);
        env.put(Configuration.ADMIN_TOKEN, "page-admin-" + UUID.randomUUID());
        env.put(Configuration.DEV_MAILBOX, "true");
        runtime = ServiceRuntime.startForTest(Configuration.fromEnvironment(env), clock, 0);
        api = new ApiClient(baseUrl(), runtime.adminToken());
        Map<String, Object> hours = new LinkedHashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            hours.put(day, List.of(Map.of("start", "09:00", "end", "12:00"), Map.of("start", "13:00", "end", "18:00")));
        }
        unitId = created(api.admin().post("/units", Map.of("name", "Centro", "timeZone", SAO_PAULO.getId(),
                "openingHours", hours, "closedDates", List.of())));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + runtime.port();
    }

    String pageUrl() {
        return baseUrl() + "/book/" + unitId;
    }

    /** A service of the unit, of its own for each test so that the tests do not share capacity. */
    String service(String name, int capacity) {
        return created(api.admin().post("/units/" + unitId + "/services",
                Map.of("name", name, "durationMinutes", 30, "capacity", capacity)));
    }

    /** A day that the page shows in its first week, with every slot still ahead. */
    static LocalDate inDays(int days) {
        return LocalDate.now(SAO_PAULO).plusDays(days);
    }

    /** The latest code the development sender "sent" to the address. */
    String latestCode(String address) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<Notifier.Notification> sent = runtime.devNotifier().sent(Optional.of(address));
            if (sent.isEmpty()) {
                return null;
            }
            Matcher code = CODE.matcher(sent.get(sent.size() - 1).body());
            return code.find() ? code.group(1) : null;
        }, code -> code != null);
    }

    /** A slot of the day as the API reports it now. */
    JsonNode slot(String serviceId, LocalDate date, String startTime) {
        ApiClient.Reply reply = api.get("/units/" + unitId + "/availability?serviceId=" + serviceId + "&date=" + date);
        assertThat(reply.status()).as(reply.describe()).isEqualTo(200);
        for (JsonNode slot : reply.json().get("slots")) {
            if (slot.get("startTime").asText().equals(startTime)) {
                return slot;
            }
        }
        throw new AssertionError("no slot " + date + " " + startTime + " in " + reply.describe());
    }

    /** The unit's agenda of the day (admin). */
    JsonNode agenda(LocalDate date) {
        ApiClient.Reply reply = api.admin().get("/units/" + unitId + "/appointments?date=" + date);
        assertThat(reply.status()).as(reply.describe()).isEqualTo(200);
        return reply.json().get("appointments");
    }

    private static String created(ApiClient.Reply reply) {
        assertThat(reply.status()).as(reply.describe()).isEqualTo(201);
        return reply.text("id");
    }

    @Override
    public void close() {
        runtime.close();
    }
}
