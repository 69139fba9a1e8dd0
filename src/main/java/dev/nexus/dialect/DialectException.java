package dev.nexus.dialect;

/**
 * A client request that cannot be decoded or mapped: the front answers it in its own error envelope.
 * The message names the field, the problem and the fix, e.g.
 * {@code messages[2].content: expected a string or an array of parts, got a number}.
 */
public final class DialectException extends RuntimeException {
    private final int status;
    private final String param;

    public DialectException(int status, String message, String param) {
        super(message, null, false, false);
        this.status = status;
        this.param = param;
    }

    public static DialectException invalid(String param, String message) {
        return new DialectException(400, param + ": " + message, param);
    }

    public int status() {
        return status;
    }

    /** The offending field path, or null. */
    public String param() {
        return param;
    }
}
