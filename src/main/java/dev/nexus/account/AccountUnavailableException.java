package dev.nexus.account;

/**
 * No account can serve the request. The message says which account (masked by the caller where needed), what is
 * wrong and what the operator can do; {@link #status()} is the HTTP status the client should see.
 */
public final class AccountUnavailableException extends Exception {
    private final int status;

    public AccountUnavailableException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public AccountUnavailableException(int status, String message, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
