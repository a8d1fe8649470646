package dev.scheduling.application.port.out;

import java.util.Arrays;
import java.util.Objects;

/** A response as it was sent, kept so that a retried request gets it again byte for byte. */
public record StoredResponse(int status, String contentType, byte[] body) {
    public StoredResponse {
        Objects.requireNonNull(contentType, "contentType");
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredResponse that && status == that.status
                && contentType.equals(that.contentType) && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, contentType, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "StoredResponse[status=" + status + ", contentType=" + contentType + ", " + body.length + " bytes]";
    }
}
