package dev.nexus.account;

/**
 * No account can serve the request. The message says which account (masked by the caller where needed), what is
 * wrong and what the operator can do; {@link #status()} is the HTTP status the client should see.
 */
public final class AccountUnavailableException extends Exception {
    private final int status;
    private final boolean needsRelogin;

    public AccountUnavailableException(int status, String message) {
        this(status, message, null);
    }

    public AccountUnavailableException(int status, String message, Throwable cause) {
        this(status, message, cause, false);
    }

    private AccountUnavailableException(int status, String message, Throwable cause, boolean needsRelogin) {
        super(message, cause, false, false);
        this.status = status;
        this.needsRelogin = needsRelogin;
    }

    /** The account's provider refused to renew its token for good: only a new login or import helps. */
    public static AccountUnavailableException needsRelogin(String message, Throwable cause) {
        return new AccountUnavailableException(503, message, cause, true);
    }

    /** Whether only a new login or import helps (see {@link #needsRelogin(String, Throwable)}). */
    public boolean needsRelogin() {
        return needsRelogin;
    }

    public int status() {
        return status;
    }
}
