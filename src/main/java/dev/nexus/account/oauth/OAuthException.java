package dev.nexus.account.oauth;

import java.util.Optional;

/**
 * An OAuth call failed. {@link #permanent()} says whether retrying can help: a revoked refresh token or an
 * unknown client cannot, a network error or a 5xx can.
 */
public final class OAuthException extends Exception {
    private final boolean permanent;
    private final Optional<String> error;

    public OAuthException(String message, boolean permanent) {
        this(message, permanent, Optional.empty());
    }

    /** @param error the OAuth {@code error} code Google answered, e.g. {@code invalid_grant} */
    public OAuthException(String message, boolean permanent, Optional<String> error) {
        super(message);
        this.permanent = permanent;
        this.error = error;
    }

    public OAuthException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.error = Optional.empty();
    }

    public boolean permanent() {
        return permanent;
    }

    /** Google's OAuth error code, when Google answered with one. */
    public Optional<String> error() {
        return error;
    }
}
