package dev.nexus.provider.codex;

import dev.nexus.secret.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request headers of a Codex backend call, as the Codex CLI sends them (protocols §5.1, seed-behaviour §3.4):
 * the bearer token, {@code ChatGPT-Account-ID} (the backend refuses a call without the account it is for),
 * {@code originator} and a {@code User-Agent} starting with it (first-party values the backend expects),
 * {@code version}, {@code session_id} (the conversation, so the backend's cache and routing follow it), and
 * {@code OpenAI-Beta: responses=experimental}.
 */
public final class CodexHeaders {
    /** The Codex CLI release whose headers are sent. */
    public static final String VERSION = "0.94.0";
    public static final String ORIGINATOR = "codex_cli_rs";
    public static final String USER_AGENT = ORIGINATOR + "/" + VERSION + " (Mac OS 26.0.1; arm64)";

    private CodexHeaders() {}

    /**
     * @param accountId the ChatGPT account id ({@code tokens.account_id}, the id token's {@code chatgpt_account_id})
     * @param sessionId the conversation's session key, when the request has one
     */
    public static List<Map.Entry<String, String>> of(Secret accessToken, Optional<String> accountId,
            Optional<String> sessionId) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(10);
        headers.add(Map.entry("Authorization", "Bearer " + accessToken.reveal()));
        accountId.filter(id -> !id.isBlank()).ifPresent(id -> headers.add(Map.entry("ChatGPT-Account-ID", id)));
        headers.add(Map.entry("Content-Type", "application/json"));
        headers.add(Map.entry("Accept", "text/event-stream"));
        headers.add(Map.entry("OpenAI-Beta", "responses=experimental"));
        headers.add(Map.entry("originator", ORIGINATOR));
        headers.add(Map.entry("User-Agent", USER_AGENT));
        headers.add(Map.entry("version", VERSION));
        sessionId.filter(id -> !id.isBlank()).ifPresent(id -> headers.add(Map.entry("session_id", id)));
        return List.copyOf(headers);
    }
}
