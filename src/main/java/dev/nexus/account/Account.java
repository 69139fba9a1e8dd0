package dev.nexus.account;

import dev.nexus.secret.Masks;
import dev.nexus.secret.Secret;
import java.time.Instant;
import java.util.Optional;

/**
 * An upstream account whose quota Nexus spends: a Google account reached by OAuth, or a ChatGPT (Codex) login.
 * Tokens are {@link Secret}s, so printing an account never prints a token.
 *
 * @param oauthClient the name of the OAuth client profile that issued the refresh token ({@code antigravity},
 *     {@code gemini-cli}, {@code custom}); refreshes use only that client. Empty for Codex logins.
 */
public record Account(
        String id,
        String provider,
        String email,
        AccountState state,
        Optional<String> stateReason,
        Instant stateSince,
        boolean primary,
        Optional<String> projectId,
        Optional<String> tier,
        Optional<Secret> accessToken,
        Secret refreshToken,
        Optional<Instant> tokenExpiresAt,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> lastUsedAt,
        Optional<String> oauthClient) implements Credential {

    public static final String GOOGLE = "google";
    /** A ChatGPT (Codex) login; stored now, served by the Codex provider later. The pool only hands out Google accounts. */
    public static final String CODEX = "codex";

    /** The masked email: traces and logs never show an address in full. */
    @Override
    public String shown() {
        return Masks.email(email);
    }

    public boolean active() {
        return state == AccountState.ACTIVE;
    }
}
