package dev.scheduling.adapter.http;

/** A refusal that belongs to HTTP itself (authentication, size, media type, unknown route). */
final class HttpProblem extends RuntimeException {
    private final int status;
    private final String code;

    HttpProblem(int status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    static HttpProblem unauthorized() {
        return new HttpProblem(401, "unauthorized", "a valid bearer token is required");
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
