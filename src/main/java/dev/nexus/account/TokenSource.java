package dev.nexus.account;

import dev.nexus.secret.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How one provider renews an account's access token from its refresh token (Google's OAuth clients, OpenAI's). The
 * {@link TokenRefresher} around it does what every provider shares: single flight per account, the new tokens
 * stored, and an account whose renewal is refused for good moved to {@link AccountState#NEEDS_RELOGIN}.
 */
public interface TokenSource {

    /** The accounts it renews: their {@link Account#provider()}. */
    String provider();

    /** How long before expiry a token is renewed, so a request never starts with a dying one. */
    default Duration early() {
        return Duration.ofSeconds(60);
    }

    /** One renewal, asked of the provider now; never throws for an answer the provider gives. */
    Renewal renew(Account account);

    /** How a renewal went. */
    sealed interface Renewal {
        /** @param refreshToken a rotated refresh token, replacing the stored one, when the provider sent one */
        record Granted(Secret accessToken, Instant expiresAt, Optional<Secret> refreshToken) implements Renewal {}

        /**
         * Only a new login helps.
         *
         * @param reason stored as the account's state reason
         * @param message for the caller: names the account (masked), the problem and the fix
         */
        record Refused(String reason, String message, Optional<Throwable> cause) implements Renewal {}

        /** The provider could not be asked, or answered with an error that may pass. */
        record Failed(String message, Optional<Throwable> cause) implements Renewal {}
    }
}
