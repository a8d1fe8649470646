package dev.scheduling.application.port.out;

import dev.scheduling.domain.client.Recipient;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Sends a message to a client by SMS or e-mail. A failure to send is an exception: the caller retries. */
public interface Notifier {

    /** One message; {@code template} names its kind ({@code login_code}, {@code appointment_created} …). */
    record Notification(UUID id, Recipient recipient, String template, String body, Instant createdAt) {
        public Notification {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(createdAt, "createdAt");
        }

        /** The body may hold a one-time code: never printed by accident. */
        @Override
        public String toString() {
            return "Notification[" + id + ", " + template + " to " + recipient.channel() + "]";
        }
    }

    void send(Notification notification);
}
