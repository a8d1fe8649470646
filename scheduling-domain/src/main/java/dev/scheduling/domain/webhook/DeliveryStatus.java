package dev.scheduling.domain.webhook;

/** Where a delivery of one event to one webhook stands. */
public enum DeliveryStatus {
    /** Waiting for its first attempt or for its next retry. */
    PENDING,
    /** A receiver answered 2xx. */
    SUCCEEDED,
    /** Every attempt within the retry period failed; only a manual redelivery sends it again. */
    FAILED
}
