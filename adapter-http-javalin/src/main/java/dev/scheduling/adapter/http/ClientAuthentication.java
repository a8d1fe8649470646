package dev.scheduling.adapter.http;

import dev.scheduling.application.port.in.AuthenticateClientUseCase;
import dev.scheduling.domain.client.ClientId;
import io.javalin.http.Context;

/** Client routes need {@code Authorization: Bearer <access token>} from the one-time-code login. */
final class ClientAuthentication {
    private final AuthenticateClientUseCase authenticate;

    ClientAuthentication(AuthenticateClientUseCase authenticate) {
        this.authenticate = authenticate;
    }

    /** The client the request's token was issued to; 401 {@code unauthorized} for a missing, forged or expired one. */
    ClientId require(Context ctx) {
        return BearerToken.presented(ctx)
                .flatMap(authenticate::authenticate)
                .orElseThrow(HttpProblem::unauthorized);
    }
}
