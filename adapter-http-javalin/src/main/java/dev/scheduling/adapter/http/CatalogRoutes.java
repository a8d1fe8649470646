package dev.scheduling.adapter.http;

import dev.scheduling.application.Scheduling;
import dev.scheduling.application.port.out.StoredResponse;
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
        return Json.response(200, Views.service(scheduling.catalog().service(unitId(ctx), serviceId(ctx))));
    }

    StoredResponse updateService(Context ctx) {
        var command = CatalogRequests.updateService(unitId(ctx), serviceId(ctx), RequestBodies.jsonObject(ctx));
        return Json.response(200, Views.service(scheduling.updateService().updateService(command)));
    }

    private static UnitId unitId(Context ctx) {
        return new UnitId(ctx.pathParam("unitId"));
    }

    private static ServiceId serviceId(Context ctx) {
        return new ServiceId(ctx.pathParam("serviceId"));
    }
}
