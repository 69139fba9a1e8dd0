package dev.nexus.account.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.account.Account;
import dev.nexus.account.oauth.ChatGptIdentity;
import java.util.Optional;

/**
 * Codex CLI's {@code ~/.codex/auth.json}: a ChatGPT login. The email, ChatGPT account id and plan come from the
 * {@code id_token}'s claims ({@link ChatGptIdentity}; the access token's, then {@code tokens.account_id}, fill gaps),
 * the access token's expiry from its {@code exp} claim. A file holding only an {@code OPENAI_API_KEY} is not a login and
 * is skipped.
 */
final class CodexAuth {
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
        var access = Json.secret(tokens, "access_token");
        ChatGptIdentity identity = ChatGptIdentity.of(Json.text(tokens, "id_token").orElse(""))
                .or(ChatGptIdentity.of(access.map(a -> a.reveal()).orElse("")));
        var expires = access.flatMap(a -> ChatGptIdentity.expiry(a.reveal()));
        return new ImportEntry.Candidate(origin.label(), CredentialFormat.CODEX_AUTH.label(), Account.CODEX, identity.email(),
                refresh.get(), access, expires, Optional.empty(), identity.plan(), Optional.empty(),
                identity.chatgptAccountId().or(() -> Json.text(tokens, "account_id")));
    }
}
