package dev.scheduling.domain;

/**
 * A business refusal: the request was understood but the rules say no. Each has a stable code that
 * clients program against; the HTTP adapter maps each one to a single status.
 */
public enum Refusal {
    UNIT_NOT_FOUND("unit_not_found"),
    SERVICE_NOT_FOUND("service_not_found"),
    NOT_A_SLOT("not_a_slot"),
    SLOT_FULL("slot_full"),
    LOCK_NOT_FOUND("lock_not_found"),
    LOCK_CONSUMED("lock_consumed"),
    IDEMPOTENCY_KEY_REUSED("idempotency_key_reused"),
    IDEMPOTENCY_KEY_IN_PROGRESS("idempotency_key_in_progress"),
    OTP_COOLDOWN("otp_cooldown"),
    INVALID_CODE("invalid_code"),
    TOO_MANY_ATTEMPTS("too_many_attempts"),
    LOCK_EXPIRED("lock_expired"),
    LOCK_NOT_ACTIVE("lock_not_active"),
    LOCK_OF_ANOTHER_SERVICE("lock_of_another_service"),
    APPOINTMENT_NOT_FOUND("appointment_not_found"),
    APPOINTMENT_CANCELLED("appointment_cancelled"),
    WEBHOOK_NOT_FOUND("webhook_not_found"),
    WEBHOOK_URL_FORBIDDEN("webhook_url_forbidden"),
    WEBHOOK_INACTIVE("webhook_inactive"),
    DELIVERY_NOT_FOUND("delivery_not_found");

    private final String code;

    Refusal(String code) {
        this.code = code;
    }

    /** The stable, machine-readable code. */
    public String code() {
        return code;
    }
}
