package dev.nexus.server;

/**
 * A request that ends in an error the client should see: the status and a message that names the thing,
 * the problem and the fix. The server renders it in the envelope of the request's dialect.
 */
public final class HttpError extends RuntimeException {
    private final int status;
    private final String code;
    private final boolean closesConnection;

    public HttpError(int status, String message) {
        this(status, message, null);
    }

    public HttpError(int status, String message, String code) {
        this(status, message, code, false);
    }

    private HttpError(int status, String message, String code, boolean closesConnection) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.closesConnection = closesConnection;
    }

    /** The same error, answered with {@code Connection: close}: for when the rest of the request cannot be trusted or read. */
    public HttpError closingConnection() {
        return new HttpError(status, getMessage(), code, true);
    }

    public boolean closesConnection() {
        return closesConnection;
    }

    public int status() {
        return status;
    }

    /** A machine-readable code for the OpenAI envelope (e.g. {@code invalid_api_key}); may be null. */
    public String code() {
        return code;
    }
}
