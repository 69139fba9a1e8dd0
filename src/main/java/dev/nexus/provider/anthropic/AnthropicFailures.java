package dev.nexus.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.nexus.account.AccountState;
import dev.nexus.chat.UpstreamError;
import dev.nexus.chat.UpstreamError.Kind;
import dev.nexus.dialect.anthropic.AnthropicErrors;
import dev.nexus.provider.GoogleRetryHints;
import dev.nexus.provider.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An Anthropic-format upstream's failure → the {@link Outcome} the gateway acts on. The error's kind comes from
 * {@link AnthropicErrors} (the dialect's one table of statuses and error types); here only what each kind means for
 * the credential:
 * <table>
 *   <caption>Anthropic failures</caption>
 *   <tr><th>Failure</th><th>Outcome</th></tr>
 *   <tr><td>429 rate_limit_error</td><td>rate limited for the model until {@code retry-after}, else
 *       {@value #DEFAULT_REST_SECONDS} s; another key may serve now</td></tr>
 *   <tr><td>401 authentication_error, 403 permission_error, 402 billing_error</td><td>the key is unusable: the next key
 *       is tried, and the message names the upstream, the key and the variable the keys come from. The client sees a
 *       502: its own key was fine</td></tr>
 *   <tr><td>404 not_found_error</td><td>fatal: the model is not there (the route is wrong)</td></tr>
 *   <tr><td>400, 413 and other 4xx</td><td>fatal: any key gives the same answer</td></tr>
 *   <tr><td>529 overloaded_error, 503, 5xx, 504</td><td>retryable on another key or later</td></tr>
 * </table>
 * In-stream {@code error} events before any content are classified the same way by their type.
 */
final class AnthropicFailures {
    static final long DEFAULT_REST_SECONDS = 60;

    private final AnthropicUpstream upstream;
    private final ObjectMapper json;

    AnthropicFailures(AnthropicUpstream upstream, ObjectMapper json) {
        this.upstream = upstream;
        this.json = json;
    }

    /**
     * An HTTP error answer.
     *
     * @param credential how the key is named in messages ({@code key2})
     */
    Outcome ofHttp(int status, String body, Optional<String> retryAfterHeader, String credential, String model, Instant now) {
        return of(AnthropicErrors.toUpstream(status, parse(body)), retryAfterHeader, credential, model, now);
    }

    /** A failure the upstream reported (an HTTP error or an {@code error} event), with its rest hint if any. */
    Outcome of(UpstreamError failure, Optional<String> retryAfterHeader, String credential, String model, Instant now) {
        String what = upstream.name() + " answered HTTP " + failure.status() + " " + typeOf(failure) + ": " + failure.message();
        return switch (failure.kind()) {
            case RATE_LIMITED -> {
                Duration wait = retryAfterHeader.flatMap(h -> GoogleRetryHints.retryAfter(h, now))
                        .orElse(Duration.ofSeconds(DEFAULT_REST_SECONDS));
                yield new Outcome.RateLimited(now.plus(wait), new UpstreamError(429, Kind.RATE_LIMITED,
                        what + " (model " + model + ", " + credential + ")", Optional.of(wait)));
            }
            case AUTHENTICATION, PERMISSION -> new Outcome.AccountUnusable(AccountState.DISABLED,
                    upstream.name() + " refused the key", UpstreamError.of(502, Kind.UPSTREAM, what + " — " + credential
                            + " of provider '" + upstream.id() + "' was refused (check the keys in " + upstream.keyVariable() + ")"));
            case NOT_FOUND -> new Outcome.Fatal(UpstreamError.of(404, Kind.NOT_FOUND,
                    what + " (model '" + model + "' is not available on " + upstream.name() + "; check the model route)"));
            case INVALID_REQUEST -> new Outcome.Fatal(UpstreamError.of(failure.status(), Kind.INVALID_REQUEST, what));
            case OVERLOADED, TIMEOUT, UPSTREAM, INTERNAL -> new Outcome.Retryable(
                    UpstreamError.of(failure.status(), failure.kind(), what));
        };
    }

    private static String typeOf(UpstreamError failure) {
        return AnthropicErrors.fromUpstream(failure).path("error").path("type").asText();
    }

    private JsonNode parse(String body) {
        try {
            JsonNode parsed = json.readTree(body);
            return parsed == null ? JsonNodeFactory.instance.objectNode() : parsed;
        } catch (IOException notJson) {
            // A proxy's HTML page: the status alone decides.
            return JsonNodeFactory.instance.objectNode();
        }
    }
}
