package dev.nexus.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.account.AccountState;
import dev.nexus.chat.UpstreamError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The one table of what a Google upstream's error answer means — Cloud Code, the Gemini API and Vertex answer with the
 * same google.rpc.Status, so every Google provider and the key proxies classify here:
 *
 * <table>
 * <caption>Google error answers</caption>
 * <tr><th>answer</th><th>outcome</th></tr>
 * <tr><td>429 / RESOURCE_EXHAUSTED, reason MODEL_CAPACITY…</td><td>retryable 503 overloaded (the model, not the
 *     credential)</td></tr>
 * <tr><td>429 / RESOURCE_EXHAUSTED</td><td>rate limited until Google's hint ({@link GoogleRetryHints}), else
 *     {@link #DEFAULT_REST}</td></tr>
 * <tr><td>401, 400 API_KEY_INVALID</td><td>credential refused (an account refreshes; a key passes to the next)</td></tr>
 * <tr><td>403 VALIDATION_REQUIRED / terms of service / suspended</td><td>account unusable until a person acts</td></tr>
 * <tr><td>other 403</td><td>account: retryable on another; key: refused</td></tr>
 * <tr><td>404</td><td>fatal, the model is not there</td></tr>
 * <tr><td>408, 504</td><td>retryable 504 timeout: another credential may answer in time</td></tr>
 * <tr><td>other 5xx</td><td>retryable 502 (503 and 529 overloaded)</td></tr>
 * <tr><td>anything else</td><td>fatal: the request's own fault (a 4xx keeps its status, anything else becomes 502)</td></tr>
 * </table>
 */
public final class GoogleFailures {
    /** Without any hint, a rate-limited (credential, model) rests this long. */
    public static final Duration DEFAULT_REST = Duration.ofSeconds(60);
    /** What a client is told to wait when the model, not the credential, is out of capacity. */
    static final Duration CAPACITY_WAIT = Duration.ofSeconds(5);

    /**
     * Which upstream answered and what its credentials are.
     *
     * @param name how messages name it, e.g. {@code Cloud Code}, {@code Gemini API}
     * @param keyed whether its credentials are server keys (refused keys pass to the next) rather than accounts
     * @param refused appended to a refused key's message: where the keys are configured
     */
    public record Upstream(String name, boolean keyed, String refused) {}

    private final ObjectMapper json;
    private final Clock clock;

    public GoogleFailures(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param credential how the credential is named in messages ({@code key2}); only keyed upstreams name it
     * @param retryAfterHeader the answer's {@code Retry-After}, the last of Google's hints
     */
    public Outcome classify(Upstream upstream, String credential, int httpStatus, String body, Optional<String> retryAfterHeader,
            String model) {
        GoogleStatus s = GoogleStatus.parse(json, httpStatus, body);
        String reason = s.errorInfo().path("reason").asText("");
        String what = upstream.name() + " answered HTTP " + httpStatus + (s.status().isEmpty() ? "" : " " + s.status())
                + (s.message().isEmpty() ? "" : ": " + s.message());
        if (httpStatus == 429 || s.status().equals("RESOURCE_EXHAUSTED")) {
            if (reason.startsWith("MODEL_CAPACITY")) {
                return new Outcome.Retryable(new UpstreamError(503, UpstreamError.Kind.OVERLOADED,
                        what + " (the model is out of capacity; try again shortly or another model)", Optional.of(CAPACITY_WAIT)));
            }
            Duration wait = rest(s, retryAfterHeader);
            return new Outcome.RateLimited(clock.instant().plus(wait), new UpstreamError(429, UpstreamError.Kind.RATE_LIMITED,
                    what + " (model " + model + ")", Optional.of(wait)));
        }
        if (httpStatus == 401 || reason.equals("API_KEY_INVALID") || (httpStatus == 403 && upstream.keyed())) {
            String refused = upstream.keyed() ? " — " + credential + " was refused" + upstream.refused() : "";
            return new Outcome.AuthExpired(UpstreamError.of(httpStatus == 403 ? 403 : 401, UpstreamError.Kind.AUTHENTICATION,
                    what + refused));
        }
        if (httpStatus == 403) {
            return accountRefused(s, what);
        }
        if (httpStatus == 404) {
            return new Outcome.Fatal(UpstreamError.of(404, UpstreamError.Kind.NOT_FOUND,
                    what + " (model '" + model + "' is not available on " + upstream.name() + "; check the model route)"));
        }
        if (httpStatus == 408 || httpStatus == 504) {
            return new Outcome.Retryable(UpstreamError.of(504, UpstreamError.Kind.TIMEOUT, what));
        }
        if (httpStatus >= 500) {
            UpstreamError.Kind kind = httpStatus == 503 || httpStatus == 529 ? UpstreamError.Kind.OVERLOADED : UpstreamError.Kind.UPSTREAM;
            return new Outcome.Retryable(UpstreamError.of(502, kind, what));
        }
        return new Outcome.Fatal(UpstreamError.of(httpStatus >= 400 ? httpStatus : 502, UpstreamError.Kind.INVALID_REQUEST, what));
    }

    /** How long a rate-limited (credential, model) rests after a 429 with this body: Google's hint, else the default. */
    public Duration rest(int httpStatus, String body, Optional<String> retryAfterHeader) {
        return rest(GoogleStatus.parse(json, httpStatus, body), retryAfterHeader);
    }

    /** Google's message in an error answer ({@code ""} when it has none). */
    public String message(int httpStatus, String body) {
        return GoogleStatus.parse(json, httpStatus, body).message();
    }

    private Duration rest(GoogleStatus s, Optional<String> retryAfterHeader) {
        return GoogleRetryHints.delay(s, retryAfterHeader, clock.instant()).orElse(DEFAULT_REST);
    }

    private static Outcome accountRefused(GoogleStatus s, String what) {
        UpstreamError error = UpstreamError.of(403, UpstreamError.Kind.PERMISSION, what);
        if (s.errorInfo().path("reason").asText("").equals("VALIDATION_REQUIRED")) {
            String link = validationLink(s);
            return new Outcome.AccountUnusable(AccountState.NEEDS_VERIFICATION,
                    "Google asks to verify the account" + (link.isEmpty() ? "" : " at " + link), error);
        }
        String lower = s.message().toLowerCase(Locale.ROOT);
        if (lower.contains("terms of service") || lower.contains("suspended") || lower.contains("has been disabled")) {
            return new Outcome.AccountUnusable(AccountState.SUSPENDED, "Google refuses the account: " + s.message(), error);
        }
        return new Outcome.Retryable(error);
    }

    private static String validationLink(GoogleStatus s) {
        String link = s.errorInfo().path("metadata").path("validation_link").asText("");
        if (!link.isEmpty()) {
            return link;
        }
        for (JsonNode detail : s.error().path("details")) {
            for (JsonNode l : detail.path("links")) {
                if (!l.path("url").asText("").isEmpty()) {
                    return l.path("url").asText();
                }
            }
        }
        return "";
    }
}
