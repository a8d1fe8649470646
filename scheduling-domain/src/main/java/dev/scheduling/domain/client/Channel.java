package dev.scheduling.domain.client;

/** How a client is reached: a text message to a phone, or an e-mail. */
public enum Channel {
    SMS,
    EMAIL
}
