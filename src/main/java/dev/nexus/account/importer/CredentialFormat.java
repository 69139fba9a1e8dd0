package dev.nexus.account.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The credential file shapes Nexus imports, recognised by their JSON fields rather than their file names. */
enum CredentialFormat {
    /** {@code {tokens:{id_token, access_token, refresh_token, account_id}, OPENAI_API_KEY, last_refresh}}. */
    CODEX_AUTH("Codex login"),
    /** {@code {id, email, token:{access_token, refresh_token, expiry_timestamp, project_id}}}. */
    ANTIGRAVITY_NESTED("Antigravity account"),
    /** {@code {access_token, refresh_token, expires_at, email, project_id}}. */
    ANTIGRAVITY_FLAT("Antigravity account"),
    /** google-auth-library credentials: {@code {access_token, refresh_token, scope, token_type, id_token, expiry_date}}. */
    GEMINI_CLI("Gemini CLI credentials");

    private final String label;

    CredentialFormat(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /**
     * Which format the object is. Rules, in order: a {@code tokens} object or an {@code OPENAI_API_KEY} field is
     * Codex; a {@code token} object is a nested Antigravity account; a flat token object with {@code expiry_date} is
     * Gemini CLI, with {@code expires_at}, {@code email} or {@code project_id} it is Antigravity, and with neither it
     * is taken as Google OAuth credentials in Gemini CLI's shape.
     */
    static Optional<CredentialFormat> detect(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        if (node.path("tokens").isObject() || node.has("OPENAI_API_KEY")) {
            return Optional.of(CODEX_AUTH);
        }
        if (node.path("token").isObject()) {
            return Optional.of(ANTIGRAVITY_NESTED);
        }
        if (!node.has("refresh_token") && !node.has("access_token")) {
            return Optional.empty();
        }
        if (node.has("expiry_date")) {
            return Optional.of(GEMINI_CLI);
        }
        if (node.has("expires_at") || node.has("email") || node.has("project_id")) {
            return Optional.of(ANTIGRAVITY_FLAT);
        }
        return Optional.of(GEMINI_CLI);
    }

    ImportEntry parse(JsonNode node, Origin origin) {
        return switch (this) {
            case CODEX_AUTH -> CodexAuth.parse(node, origin);
            case ANTIGRAVITY_NESTED -> AntigravityCredentials.parseNested(node, origin);
            case ANTIGRAVITY_FLAT -> AntigravityCredentials.parseFlat(node, origin);
            case GEMINI_CLI -> GeminiCliCredentials.parse(node, origin);
        };
    }
}
