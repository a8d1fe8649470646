package dev.scheduling.adapter.rabbitmq;

/** The broker could not be reached at start; the message says where and why, without credentials. */
public final class BrokerUnavailableException extends RuntimeException {
    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
