package dev.nexus.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.account.AccountState;
import dev.nexus.chat.UpstreamError;
import dev.nexus.dialect.openai.OpenAiErrors;
import dev.nexus.provider.GoogleRetryHints;
import dev.nexus.provider.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What an OpenAI-compatible upstream's error answer means:
 *
 * <table>
 * <caption>OpenAI-compatible error answers</caption>
 * <tr><th>answer</th><th>outcome</th></tr>
 * <tr><td>429</td><td>the (key, model) rests until {@code Retry-After}, else 60 s; the next key is tried</td></tr>
 * <tr><td>401, 403</td><td>the key is refused: the next key is tried; the message names the provider, the key and
 *     the variable to fix. Shown as 502: the client's own key was fine, the server's was not</td></tr>
 * <tr><td>404</td><td>fatal: the model (or the base URL) is not there</td></tr>
 * <tr><td>408, 504</td><td>retryable 504 timeout</td></tr>
 * <tr><td>other 5xx</td><td>retryable 502 (503 and 529 overloaded)</td></tr>
 * <tr><td>other 4xx</td><td>fatal with its status: the request's own fault (rejected parameters)</td></tr>
 * </table>
 */
final class CompatFailures {
    /** How long a (key, model) rests after a 429 without {@code Retry-After}. */
    static final Duration DEFAULT_REST = Duration.ofSeconds(60);
    private final CompatEndpoint endpoint;
    private final ObjectMapper json;

    CompatFailures(CompatEndpoint endpoint, ObjectMapper json) {
        this.endpoint = endpoint;
        this.json = json;
    }

    /**
     * @param credential how the key is named in messages ({@code key2})
     * @param retryAfter the answer's {@code Retry-After} header
     */
    Outcome ofHttp(int status, String body, Optional<String> retryAfter, String model, String credential, Instant now) {
        String what = endpoint.shown() + " answered HTTP " + status + message(status, body).map(m -> ": " + m).orElse("");
        if (status == 429) {
            Duration wait = retryAfter.flatMap(h -> GoogleRetryHints.retryAfter(h, now)).orElse(DEFAULT_REST);
            return new Outcome.RateLimited(now.plus(wait), new UpstreamError(429, UpstreamError.Kind.RATE_LIMITED,
                    what + " (model " + model + ", " + credential + ")", Optional.of(wait)));
        }
        if (status == 401 || status == 403) {
            String reason = credential + " was refused (HTTP " + status + ")";
            return new Outcome.AccountUnusable(AccountState.DISABLED, reason, UpstreamError.of(502, UpstreamError.Kind.UPSTREAM,
                    what + " — the server's " + credential + " was refused; check the keys in " + endpoint.keyVariable()));
        }
        if (status == 404) {
            return new Outcome.Fatal(UpstreamError.of(404, UpstreamError.Kind.NOT_FOUND, what + " (model '" + model
                    + "' is not available there; check the model route, or the provider's base URL " + endpoint.baseUrl() + ")"));
        }
        if (status == 408 || status == 504) {
            return new Outcome.Retryable(UpstreamError.of(504, UpstreamError.Kind.TIMEOUT, what));
        }
        if (status >= 500) {
            UpstreamError.Kind kind = status == 503 || status == 529 ? UpstreamError.Kind.OVERLOADED : UpstreamError.Kind.UPSTREAM;
            return new Outcome.Retryable(UpstreamError.of(502, kind, what));
        }
        return new Outcome.Fatal(UpstreamError.of(status >= 400 ? status : 502, UpstreamError.Kind.INVALID_REQUEST, what));
    }

    /** An error chunk in a stream (or an error body under 200) before anything reached the client: typed by its own type. */
    Outcome ofChunk(JsonNode chunk, String model, String credential, Instant now) {
        UpstreamError error = OpenAiErrors.toUpstream(0, chunk);
        return ofHttp(error.status(), chunk.toString(), Optional.empty(), model, credential, now);
    }

    /** The upstream failed after events reached the client. */
    UpstreamError broken(String why) {
        return UpstreamError.of(502, UpstreamError.Kind.UPSTREAM, "the stream from " + endpoint.shown() + " broke: " + why);
    }

    Outcome unreachable(IOException e) {
        if (e instanceof java.net.http.HttpTimeoutException) {
            return new Outcome.Retryable(UpstreamError.of(504, UpstreamError.Kind.TIMEOUT, e.getMessage()));
        }
        return new Outcome.Retryable(UpstreamError.of(502, UpstreamError.Kind.UPSTREAM, "cannot reach " + endpoint.shown()
                + " at " + endpoint.baseUrl() + ": " + e.getMessage() + " (check the network or " + baseUrlVariable() + ")"));
    }

    private String baseUrlVariable() {
        return endpoint.keyVariable().replaceFirst("_API_KEY$", "_BASE_URL");
    }

    /** The upstream's own message: OpenAI's error envelope, else the start of the body as text. */
    private Optional<String> message(int status, String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.has("error")) {
                String message = OpenAiErrors.toUpstream(status, node).message();
                return Optional.of(message);
            }
        } catch (IOException notJson) {
            // shown as text below
        }
        String text = body.strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }
}
