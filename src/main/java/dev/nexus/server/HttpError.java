package dev.nexus.server;

/**
 * A request that ends in an error the client should see: the status and a message that names the thing,
 * the problem and the fix. The server renders it in the envelope of the request's dialect.
 */
public final class HttpError extends RuntimeException {
    private final int status;
    private final String code;

    public HttpError(int status, String message) {
        this(status, message, null);
    }

    public HttpError(int status, String message, String code) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** A machine-readable code for the OpenAI envelope (e.g. {@code invalid_api_key}); may be null. */
    public String code() {
        return code;
    }
}
