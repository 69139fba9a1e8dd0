package dev.nexus.account.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.account.Account;
import java.util.Optional;

/**
 * Codex CLI's {@code ~/.codex/auth.json}: a ChatGPT login. The email and plan come from the {@code id_token}'s claims
 * ({@code email}, or {@code https://api.openai.com/profile}.email; {@code https://api.openai.com/auth}
 * .chatgpt_plan_type), the access token's expiry from its {@code exp} claim. A file holding only an
 * {@code OPENAI_API_KEY} is not a login and is skipped.
 */
final class CodexAuth {
    private static final String AUTH_CLAIM = "https://api.openai.com/auth";
    private static final String PROFILE_CLAIM = "https://api.openai.com/profile";

    private CodexAuth() {}

    static ImportEntry parse(JsonNode node, Origin origin) {
        JsonNode tokens = node.path("tokens");
        var refresh = Json.secret(tokens, "refresh_token");
        if (refresh.isEmpty()) {
            String reason = tokens.isObject()
                    ? "no tokens.refresh_token in it (run: codex login, then import again)"
                    : "it holds an OpenAI API key, not a ChatGPT login (run: codex login, then import again)";
            return new ImportEntry.Skipped(origin.label(), reason);
        }
        Optional<JsonNode> idClaims = Json.text(tokens, "id_token").flatMap(Jwt::claims);
        Optional<String> email = idClaims.flatMap(c -> Json.text(c, "email").or(() -> Json.text(c.path(PROFILE_CLAIM), "email")));
        Optional<String> plan = idClaims.flatMap(c -> Json.text(c.path(AUTH_CLAIM), "chatgpt_plan_type"));
        var access = Json.secret(tokens, "access_token");
        var expires = access.flatMap(a -> Jwt.claims(a.reveal())).flatMap(c -> Json.instant(c, "exp"));
        return new ImportEntry.Candidate(origin.label(), CredentialFormat.CODEX_AUTH.label(), Account.CODEX, email,
                refresh.get(), access, expires, Optional.empty(), plan, Optional.empty());
    }
}
