package dev.scheduling.application.port.in;

import dev.scheduling.domain.client.Recipient;
import java.time.Instant;

/**
 * A client asks for a one-time code by SMS or e-mail. The answer is the same whether or not the
 * recipient is known; refused with {@code otp_cooldown} (and when to retry) while the previous code is
 * too recent.
 */
public interface RequestLoginCodeUseCase {

    CodeSent requestCode(Recipient recipient);

    record CodeSent(Instant expiresAt, Instant resendAvailableAt) {
    }
}
