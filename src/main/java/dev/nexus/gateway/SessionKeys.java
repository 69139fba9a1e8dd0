package dev.nexus.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.Message;
import dev.nexus.chat.Part;
import dev.nexus.chat.Role;
import dev.nexus.secret.Sha256;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What identifies one conversation, so its requests stay on one account (upstream caches and thought signatures
 * are per account): a session id the client sends (Claude Code's {@code metadata.user_id} session, Codex's
 * {@code session_id} or {@code prompt_cache_key}), else a hash of the system prompt and the first user message.
 */
public final class SessionKeys {
    private static final List<String> CLIENT_KEYS = List.of("session_id", "prompt_cache_key", "user_id", "conversation");

    private SessionKeys() {}

    public static Optional<String> of(ChatRequest request) {
        for (String name : CLIENT_KEYS) {
            String value = request.metadata().get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(name + ":" + value);
            }
        }
        StringBuilder seed = new StringBuilder();
        request.system().forEach(p -> appendText(seed, p));
        Optional<Message> firstUser = request.messages().stream().filter(m -> m.role() == Role.USER).findFirst();
        if (firstUser.isEmpty()) {
            return Optional.empty();
        }
        seed.append('\u0000');
        firstUser.get().parts().forEach(p -> appendText(seed, p));
        return Optional.of("hash:" + sha256(seed.toString()));
    }

    /**
     * The same for a request in Google's format (the GenAI surface): its {@code sessionId}/{@code session_id}, else a
     * hash of the system instruction and the first user content's text.
     */
    public static Optional<String> ofGemini(JsonNode body) {
        for (String name : List.of("sessionId", "session_id")) {
            String value = body.path(name).asText("");
            if (!value.isBlank()) {
                return Optional.of("session_id:" + value);
            }
        }
        StringBuilder seed = new StringBuilder();
        for (JsonNode part : body.path("systemInstruction").path("parts")) {
            seed.append(part.path("text").asText("")).append('\n');
        }
        for (JsonNode content : body.path("contents")) {
            if (content.path("role").asText("user").equals("user")) {
                seed.append('\u0000');
                for (JsonNode part : content.path("parts")) {
                    if (part.has("text")) {
                        seed.append(part.path("text").asText()).append('\n');
                    }
                }
                return Optional.of("hash:" + sha256(seed.toString()));
            }
        }
        return Optional.empty();
    }

    private static void appendText(StringBuilder out, Part part) {
        if (part instanceof Part.Text text) {
            out.append(text.text()).append('\n');
        }
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(Sha256.of(text), 0, 16);
    }
}
