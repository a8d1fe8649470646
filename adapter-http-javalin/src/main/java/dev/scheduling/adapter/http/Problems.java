package dev.scheduling.adapter.http;

import dev.scheduling.application.port.out.DependencyUnavailableException;
import dev.scheduling.application.port.out.StoredResponse;
import dev.scheduling.domain.InvalidInputException;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 9457 problem details, and the one place where a failure becomes a status and a stable code.
 * An unexpected failure is logged with an id that the client also gets; its details never leave.
 */
final class Problems {
    static final String CONTENT_TYPE = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    /** The status of each business refusal; the switch is exhaustive, so a new refusal must be mapped. */
    static int statusOf(Refusal refusal) {
        return switch (refusal) {
            case UNIT_NOT_FOUND, SERVICE_NOT_FOUND, LOCK_NOT_FOUND, APPOINTMENT_NOT_FOUND, WEBHOOK_NOT_FOUND,
                 DELIVERY_NOT_FOUND -> 404;
            case SLOT_FULL, LOCK_CONSUMED, LOCK_NOT_ACTIVE, APPOINTMENT_CANCELLED, IDEMPOTENCY_KEY_IN_PROGRESS,
                 WEBHOOK_INACTIVE -> 409;
            case NOT_A_SLOT, LOCK_OF_ANOTHER_SERVICE, IDEMPOTENCY_KEY_REUSED -> 422;
            case LOCK_EXPIRED -> 410;
            case WEBHOOK_URL_FORBIDDEN -> 400;
            case INVALID_CODE -> 401;
            case OTP_COOLDOWN, TOO_MANY_ATTEMPTS -> 429;
        };
    }

    static StoredResponse of(Exception failure) {
        if (failure instanceof RefusedException refused) {
            return problem(statusOf(refused.refusal()), refused.refusal().code(), refused.getMessage(), List.of());
        }
        if (failure instanceof InvalidInputException invalid) {
            return validation(invalid.violations());
        }
        if (failure instanceof HttpProblem problem) {
            return problem(problem.status(), problem.code(), problem.getMessage(), List.of());
        }
        if (failure instanceof DependencyUnavailableException unavailable) {
            LOG.warn("{}: {}", unavailable.getMessage(), String.valueOf(unavailable.getCause()));
            return problem(503, "dependency_unavailable",
                    "a service this request needs is unavailable; retry later", List.of());
        }
        String incident = UUID.randomUUID().toString();
        LOG.error("unexpected failure, incident {}", incident, failure);
        return problem(500, "internal_error", "unexpected failure; incident " + incident, List.of());
    }

    static StoredResponse validation(List<Violation> violations) {
        return problem(400, "validation_failed", "the request is invalid; see errors", violations);
    }

    static StoredResponse problem(int status, String code, String detail, List<Violation> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:scheduling:problem:" + code);
        body.put("title", titleOf(status));
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        if (!errors.isEmpty()) {
            body.put("errors", errors.stream()
                    .map(violation -> Map.of("field", violation.field(), "message", violation.message()))
                    .toList());
        }
        return new StoredResponse(status, CONTENT_TYPE, Json.write(body));
    }

    private static String titleOf(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Client Error";
        };
    }
}
