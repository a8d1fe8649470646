package dev.scheduling.adapter.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scheduling.application.Scheduling;
import dev.scheduling.application.port.in.GetAvailabilityUseCase;
import dev.scheduling.application.port.in.LockSlotUseCase;
import dev.scheduling.application.port.out.StoredResponse;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.Violations;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.lock.ReservationToken;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.LocalTime;

/** Availability and locks: the public routes a booking page calls. */
final class SlotRoutes {

    private final Scheduling scheduling;
    private final IdempotentRequests idempotent;

    SlotRoutes(Scheduling scheduling) {
        this.scheduling = scheduling;
        this.idempotent = new IdempotentRequests(scheduling.idempotentRequests());
    }

    StoredResponse availability(Context ctx) {
        Violations violations = new Violations();
        String serviceId = ctx.queryParam("serviceId");
        violations.check(serviceId != null && !serviceId.isBlank(), "serviceId", JsonBody.REQUIRED);
        DateRange range = DateRange.of(ctx, violations);
        violations.throwIfAny();
        var query = new GetAvailabilityUseCase.Query(CatalogRoutes.unitId(ctx), new ServiceId(serviceId),
                range.from(), range.to());
        return Json.response(200, Views.availability(scheduling.availability().availability(query)));
    }

    /** With an {@code Idempotency-Key}, a retry of the same request gets the first response again. */
    StoredResponse lock(Context ctx) {
        return idempotent.run(ctx, "POST /slots/lock", this::lock);
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
    static ReservationToken token(String text) {
        if (!ReservationToken.isWellFormed(text)) {
            throw new RefusedException(Refusal.LOCK_NOT_FOUND, "there is no lock with that token");
        }
        return new ReservationToken(text);
    }
}
