package dev.nexus.account.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.account.Account;
import dev.nexus.account.oauth.OAuthClients;
import java.util.Optional;

/**
 * Gemini CLI's {@code ~/.gemini/oauth_creds.json}. The file holds no email: it comes from the {@code active} entry
 * of {@code google_accounts.json} beside it, else from the {@code id_token}'s {@code email} claim, else from Google.
 * {@code expiry_date} is in epoch milliseconds. No project: Gemini CLI discovers it, and so will Nexus.
 */
final class GeminiCliCredentials {
    private GeminiCliCredentials() {}

    static ImportEntry parse(JsonNode node, Origin origin) {
        var refresh = Json.secret(node, "refresh_token");
        if (refresh.isEmpty()) {
            return new ImportEntry.Skipped(origin.label(),
                    "no refresh_token in it (an access token alone expires within the hour; log in with Gemini CLI again)");
        }
        Optional<String> email = origin.activeGoogleAccount()
                .or(() -> Json.text(node, "id_token").flatMap(Jwt::email));
        return new ImportEntry.Candidate(origin.label(), CredentialFormat.GEMINI_CLI.label(), Account.GOOGLE, email,
                refresh.get(), Json.secret(node, "access_token"), Json.instant(node, "expiry_date"),
                Optional.empty(), Optional.empty(), Optional.of(OAuthClients.GEMINI_CLI), Optional.empty());
    }
}
