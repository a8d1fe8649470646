package dev.scheduling.domain;

import java.util.Objects;

/** Raised when a rule refuses a request; {@link #refusal()} says which rule. */
public final class RefusedException extends RuntimeException {
    private final Refusal refusal;

    public RefusedException(Refusal refusal, String detail) {
        super(detail);
        this.refusal = Objects.requireNonNull(refusal, "refusal");
    }

    public Refusal refusal() {
        return refusal;
    }
}
