package dev.scheduling.adapter.http;

import dev.scheduling.application.Scheduling;
import dev.scheduling.application.port.out.StoredResponse;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Units and services. Writes and the list of all units are for operators (admin token); a unit and
 * its services can be read by anyone, since a booking page needs its time zone and services.
 */
final class CatalogRoutes {
    private final Scheduling scheduling;

    CatalogRoutes(Scheduling scheduling) {
        this.scheduling = scheduling;
    }

    StoredResponse createUnit(Context ctx) {
        var command = CatalogRequests.createUnit(RequestBodies.jsonObject(ctx));
        return Json.response(201, Views.unit(scheduling.createUnit().createUnit(command)));
    }

    StoredResponse listUnits(Context ctx) {
        return Json.response(200, Map.of("units", scheduling.catalog().units().stream().map(Views::unit).toList()));
    }

    StoredResponse unit(Context ctx) {
        return Json.response(200, Views.unit(scheduling.catalog().unit(unitId(ctx))));
    }

    StoredResponse updateUnit(Context ctx) {
        var command = CatalogRequests.updateUnit(unitId(ctx), RequestBodies.jsonObject(ctx));
        return Json.response(200, Views.unit(scheduling.updateUnit().updateUnit(command)));
    }

    StoredResponse createService(Context ctx) {
        var command = CatalogRequests.createService(unitId(ctx), RequestBodies.jsonObject(ctx));
        return Json.response(201, Views.service(scheduling.createService().createService(command)));
    }

    StoredResponse services(Context ctx) {
        return Json.response(200, Map.of("services",
                scheduling.catalog().services(unitId(ctx)).stream().map(Views::service).toList()));
    }

    StoredResponse service(Context ctx) {
        UnitId unitId = unitId(ctx);
        return Json.response(200, Views.service(scheduling.catalog().service(unitId, serviceId(ctx, unitId))));
    }

    StoredResponse updateService(Context ctx) {
        UnitId unitId = unitId(ctx);
        var command = CatalogRequests.updateService(unitId, serviceId(ctx, unitId), RequestBodies.jsonObject(ctx));
        return Json.response(200, Views.service(scheduling.updateService().updateService(command)));
    }

    /** The unit of the path. A blank id (such as {@code /units/%20}) cannot be a unit's: it names none. */
    static UnitId unitId(Context ctx) {
        String id = ctx.pathParam("unitId");
        if (id.isBlank()) {
            throw new RefusedException(Refusal.UNIT_NOT_FOUND, "there is no unit with a blank id");
        }
        return new UnitId(id);
    }

    /** The service of the path; a blank id names none, and an unknown unit is reported first, as always. */
    private ServiceId serviceId(Context ctx, UnitId unitId) {
        String id = ctx.pathParam("serviceId");
        if (id.isBlank()) {
            scheduling.catalog().unit(unitId);
            throw new RefusedException(Refusal.SERVICE_NOT_FOUND, "unit " + unitId + " has no service with a blank id");
        }
        return new ServiceId(id);
    }
}
