package dev.scheduling.adapter.http;

import dev.scheduling.application.port.out.StoredResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals, made before a request reaches a route (a request line or headers too large, a
 * request that is not HTTP), as problem details like every other error, instead of Jetty's HTML page.
 */
final class JettyProblems extends ErrorHandler {

    /** Every method gets its problem; Jetty's default writes a body only for GET, POST and HEAD. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        StoredResponse problem = HttpApi.problemForStatus(code, message == null ? "the request was refused" : message);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, problem.contentType());
        response.write(true, ByteBuffer.wrap(problem.body()), callback);
    }
}
