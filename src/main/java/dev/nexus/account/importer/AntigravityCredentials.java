package dev.nexus.account.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.account.Account;
import dev.nexus.account.oauth.OAuthClients;
import java.util.Optional;

/**
 * Antigravity's account files ({@code ~/.antigravity_tools/accounts/*.json}, {@code credentials.json},
 * {@code ~/.gemini/antigravity/google_ai_credentials.json}), in their two shapes: flat
 * {@code {access_token, refresh_token, expires_at, email, project_id}} and nested
 * {@code {id, email, token:{access_token, refresh_token, expiry_timestamp, project_id}}}. Both carry the email.
 */
final class AntigravityCredentials {
    private static final String NO_REFRESH =
            "no refresh_token in it (an access token alone expires within the hour; log the account in to Antigravity again)";

    private AntigravityCredentials() {}

    static ImportEntry parseFlat(JsonNode node, Origin origin) {
        return candidate(node, node, "expires_at", CredentialFormat.ANTIGRAVITY_FLAT, origin);
    }

    static ImportEntry parseNested(JsonNode node, Origin origin) {
        return candidate(node, node.path("token"), "expiry_timestamp", CredentialFormat.ANTIGRAVITY_NESTED, origin);
    }

    private static ImportEntry candidate(JsonNode account, JsonNode token, String expiryField, CredentialFormat format,
            Origin origin) {
        var refresh = Json.secret(token, "refresh_token");
        if (refresh.isEmpty()) {
            return new ImportEntry.Skipped(origin.label(), NO_REFRESH);
        }
        Optional<String> project = Json.text(token, "project_id").or(() -> Json.text(account, "project_id"));
        return new ImportEntry.Candidate(origin.label(), format.label(), Account.GOOGLE, Json.text(account, "email"),
                refresh.get(), Json.secret(token, "access_token"), Json.instant(token, expiryField), project,
                Optional.empty(), Optional.of(OAuthClients.ANTIGRAVITY), Optional.empty());
    }
}
