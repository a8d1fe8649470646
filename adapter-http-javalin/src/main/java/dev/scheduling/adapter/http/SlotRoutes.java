package dev.scheduling.adapter.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scheduling.application.Scheduling;
import dev.scheduling.application.port.in.GetAvailabilityUseCase;
import dev.scheduling.application.port.in.IdempotentRequestUseCase;
import dev.scheduling.application.port.in.LockSlotUseCase;
import dev.scheduling.application.port.out.StoredResponse;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.InvalidInputException;
import dev.scheduling.domain.Violations;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.lock.ReservationToken;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import java.util.regex.Pattern;

/** Availability and locks: the public routes a booking page calls. */
final class SlotRoutes {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final Scheduling scheduling;

    SlotRoutes(Scheduling scheduling) {
        this.scheduling = scheduling;
    }

    StoredResponse availability(Context ctx) {
        Violations violations = new Violations();
        String serviceId = ctx.queryParam("serviceId");
        violations.check(serviceId != null && !serviceId.isBlank(), "serviceId", JsonBody.REQUIRED);
        String date = ctx.queryParam("date");
        String from = ctx.queryParam("from");
        String to = ctx.queryParam("to");
        Optional<LocalDate> first = Optional.empty();
        Optional<LocalDate> last = Optional.empty();
        if (date != null) {
            violations.check(from == null && to == null, "date", "give either date, or from and to");
            first = JsonBody.parseDate(date, "date", violations);
            last = first;
        } else {
            violations.check(from != null, "from", "give either date, or from and to");
            violations.check(to != null, "to", "give either date, or from and to");
            first = from == null ? first : JsonBody.parseDate(from, "from", violations);
            last = to == null ? last : JsonBody.parseDate(to, "to", violations);
        }
        violations.throwIfAny();
        var query = new GetAvailabilityUseCase.Query(CatalogRoutes.unitId(ctx), new ServiceId(serviceId),
                first.orElseThrow(), last.orElseThrow());
        return Json.response(200, Views.availability(scheduling.availability().availability(query)));
    }

    /** With an {@code Idempotency-Key}, a retry of the same request gets the first response again. */
    StoredResponse lock(Context ctx) {
        String key = ctx.header(IDEMPOTENCY_KEY);
        byte[] body = RequestBodies.bytes(ctx);
        if (key == null) {
            return lock(body);
        }
        if (!VISIBLE_ASCII.matcher(key).matches()) {
            throw InvalidInputException.of(IDEMPOTENCY_KEY, "must be 1 to 255 visible ASCII characters");
        }
        var request = new IdempotentRequestUseCase.Request("POST /slots/lock", key, Json.fingerprint(body));
        return scheduling.idempotentRequests().execute(request, () -> {
            try {
                return lock(body);
            } catch (RuntimeException failure) {
                // A refusal or a 400 is an answer too, and a retry gets it again; a 5xx is not kept.
                return Problems.of(failure);
            }
        });
    }

    StoredResponse release(Context ctx) {
        JsonBody body = JsonBody.of(RequestBodies.jsonObject(ctx));
        String token = body.requiredText("reservationToken", 256);
        body.throwIfInvalid();
        return Json.response(200, Views.lock(scheduling.releaseSlot().release(token(token))));
    }

    StoredResponse lockByToken(Context ctx) {
        return Json.response(200, Views.lock(scheduling.getLock().lock(token(ctx.pathParam("reservationToken")))));
    }

    private StoredResponse lock(byte[] rawBody) {
        ObjectNode root = Json.parseObject(rawBody);
        JsonBody body = JsonBody.of(root);
        String unitId = body.requiredId("unitId");
        String serviceId = body.requiredId("serviceId");
        LocalDate date = body.requiredDate("date");
        LocalTime startTime = body.requiredTime("startTime");
        int quantity = body.optionalInt("quantity").orElse(1);
        body.throwIfInvalid();
        var command = new LockSlotUseCase.Command(new UnitId(unitId), new ServiceId(serviceId), date, startTime,
                quantity);
        return Json.response(201, Views.lock(scheduling.lockSlot().lock(command)));
    }

    /** Text that cannot be a token cannot name a lock either. */
    private static ReservationToken token(String text) {
        if (!ReservationToken.isWellFormed(text)) {
            throw new RefusedException(Refusal.LOCK_NOT_FOUND, "there is no lock with that token");
        }
        return new ReservationToken(text);
    }
}
