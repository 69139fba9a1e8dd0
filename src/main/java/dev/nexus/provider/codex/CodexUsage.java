package dev.nexus.provider.codex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.secret.Secret;
import dev.nexus.upstream.UpstreamHttp;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ChatGPT backend's usage endpoint, {@code GET …/backend-api/wham/usage} (protocols §5.1; the Codex CLI's
 * {@code /status} reads it): {@code {"plan_type","rate_limit":{"primary_window":{"used_percent","limit_window_seconds",
 * "reset_at"},"secondary_window":{…}}}}. It lets Nexus show an account's windows before any request went through it.
 */
public final class CodexUsage {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private final UpstreamHttp http;
    private final ObjectMapper json;
    private final URI usageUrl;

    /** @param codexBaseUrl {@code …/backend-api/codex}; the usage endpoint is its sibling {@code …/backend-api/wham/usage} */
    public CodexUsage(UpstreamHttp http, ObjectMapper json, URI codexBaseUrl) {
        this.http = http;
        this.json = json;
        String base = codexBaseUrl.toString().replaceAll("/+$", "");
        this.usageUrl = URI.create(base.substring(0, base.lastIndexOf('/') + 1) + "wham/usage");
    }

    /** What a failed usage call means for the reader: the backend's status (or 502 when unreachable) and why. */
    public static final class Failed extends Exception {
        private final int status;

        Failed(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** The account's windows now; empty when the backend states none. */
    public Optional<CodexQuota> read(Secret accessToken, Optional<String> chatgptAccountId) throws Failed {
        List<Map.Entry<String, String>> headers = new ArrayList<>(5);
        headers.add(Map.entry("Authorization", "Bearer " + accessToken.reveal()));
        chatgptAccountId.ifPresent(id -> headers.add(Map.entry("ChatGPT-Account-ID", id)));
        headers.add(Map.entry("Accept", "application/json"));
        headers.add(Map.entry("originator", CodexHeaders.ORIGINATOR));
        headers.add(Map.entry("User-Agent", CodexHeaders.USER_AGENT));
        try (UpstreamHttp.Answer answer = http.send(new UpstreamHttp.Request("GET", usageUrl, headers, new byte[0], TIMEOUT), "codex")) {
            if (answer.status() != 200) {
                throw new Failed(answer.status(), "the Codex usage endpoint " + usageUrl + " answered HTTP " + answer.status()
                        + ": " + answer.errorText());
            }
            return parse(json.readTree(answer.readAll()));
        } catch (IOException e) {
            throw new Failed(502, "the Codex usage endpoint " + usageUrl + " could not be read: " + e.getMessage());
        }
    }

    static Optional<CodexQuota> parse(JsonNode body) {
        JsonNode limits = body.path("rate_limit");
        Optional<CodexQuota.Window> primary = window(limits.path("primary_window"));
        Optional<CodexQuota.Window> secondary = window(limits.path("secondary_window"));
        return primary.isEmpty() && secondary.isEmpty() ? Optional.empty() : Optional.of(new CodexQuota(primary, secondary));
    }

    private static Optional<CodexQuota.Window> window(JsonNode node) {
        if (!node.path("used_percent").isNumber()) {
            return Optional.empty();
        }
        Optional<Integer> minutes = node.path("limit_window_seconds").isNumber() && node.path("limit_window_seconds").asLong() > 0
                ? Optional.of((int) (node.path("limit_window_seconds").asLong() / 60)) : Optional.empty();
        Optional<Instant> reset = node.path("reset_at").isNumber()
                ? Optional.of(Instant.ofEpochSecond(node.path("reset_at").asLong())) : Optional.empty();
        return Optional.of(new CodexQuota.Window(node.path("used_percent").asDouble(), minutes, reset));
    }
}
