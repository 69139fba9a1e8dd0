package dev.nexus.account.oauth;

import dev.nexus.secret.Secret;
import java.util.List;
import java.util.Optional;

/**
 * A Google OAuth client Nexus can log in and refresh with: its profile name ({@code antigravity}, {@code gemini-cli},
 * {@code custom}), the client id and secret, and the scopes its consent asks for. A refresh token works only with the
 * client that issued it, so every account records its profile's name. The secret is a {@link Secret}, so printing a
 * profile never prints it (the built-in ones are public installed-app values, but they stay out of logs all the same).
 */
public record OAuthClientProfile(String name, String clientId, Optional<Secret> clientSecret, List<String> scopes) {

    public OAuthClientProfile {
        scopes = List.copyOf(scopes);
    }
}
