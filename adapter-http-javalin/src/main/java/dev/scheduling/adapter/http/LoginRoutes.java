package dev.scheduling.adapter.http;

import dev.scheduling.application.Scheduling;
import dev.scheduling.application.port.in.RequestLoginCodeUseCase.CodeSent;
import dev.scheduling.application.port.in.VerifyLoginCodeUseCase.LoggedIn;
import dev.scheduling.application.port.out.StoredResponse;
import dev.scheduling.domain.client.Recipient;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one-time-code login of clients. */
final class LoginRoutes {
    /** Long enough for any code; anything that is not the code is simply a wrong code. */
    private static final int MAX_CODE_LENGTH = 32;

    private final Scheduling scheduling;

    LoginRoutes(Scheduling scheduling) {
        this.scheduling = scheduling;
    }

    StoredResponse requestCode(Context ctx) {
        JsonBody body = JsonBody.of(RequestBodies.jsonObject(ctx));
        Recipient recipient = recipient(body);
        CodeSent sent = scheduling.requestLoginCode().requestCode(recipient);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("expiresAt", Views.instant(sent.expiresAt()));
        response.put("resendAvailableAt", Views.instant(sent.resendAvailableAt()));
        return Json.response(202, response);
    }

    StoredResponse verifyCode(Context ctx) {
        JsonBody body = JsonBody.of(RequestBodies.jsonObject(ctx));
        String code = body.requiredText("code", MAX_CODE_LENGTH);
        Recipient recipient = recipient(body);
        LoggedIn loggedIn = scheduling.verifyLoginCode().verifyCode(recipient, code);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("accessToken", loggedIn.accessToken());
        response.put("tokenType", "Bearer");
        response.put("expiresAt", Views.instant(loggedIn.expiresAt()));
        response.put("clientId", loggedIn.clientId().value());
        return Json.response(200, response);
    }

    /** Exactly one of {@code phone} and {@code email}. */
    private static Recipient recipient(JsonBody body) {
        var phone = body.optionalText("phone", 32);
        var email = body.optionalText("email", Recipient.MAX_EMAIL_LENGTH);
        if (phone.isPresent() == email.isPresent() && body.violations().isEmpty()) {
            body.violations().add(phone.isPresent() ? "email" : "phone", "give either phone or email");
        }
        body.throwIfInvalid();
        return phone.isPresent() ? Recipient.phone(phone.get()) : Recipient.email(email.get());
    }
}
