package dev.nexus.account.oauth;

/**
 * An OAuth call failed. {@link #permanent()} says whether retrying can help: a revoked refresh token or an
 * unknown client cannot, a network error or a 5xx can.
 */
public final class OAuthException extends Exception {
    private final boolean permanent;

    public OAuthException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    public OAuthException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
