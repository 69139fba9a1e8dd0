package dev.nexus.provider.cloudcode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.account.AccountState;
import dev.nexus.chat.UpstreamError;
import dev.nexus.provider.GoogleRetryHints;
import dev.nexus.provider.GoogleStatus;
import dev.nexus.provider.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a Cloud Code error answer (google.rpc.Status JSON, possibly wrapped in an array) into an {@link Outcome},
 * keeping Google's message for the client and reading every retry hint Google gives.
 */
final class CloudCodeErrors {
    /** Without any hint, a rate-limited (account, model) is left alone this long. */
    static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(60);

    private final ObjectMapper json;
    private final Clock clock;

    CloudCodeErrors(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    Outcome classify(int httpStatus, String body, Optional<String> retryAfterHeader, String model) {
        GoogleStatus s = GoogleStatus.parse(json, httpStatus, body);
        String reason = s.errorInfo().path("reason").asText("");
        String what = "Cloud Code answered HTTP " + httpStatus + (s.status().isEmpty() ? "" : " " + s.status())
                + (s.message().isEmpty() ? "" : ": " + s.message());
        if (httpStatus == 429 || s.status().equals("RESOURCE_EXHAUSTED")) {
            if (reason.startsWith("MODEL_CAPACITY")) {
                return new Outcome.Retryable(new UpstreamError(503, UpstreamError.Kind.OVERLOADED,
                        what + " (the model is out of capacity; try again shortly or another model)", Optional.of(Duration.ofSeconds(5))));
            }
            Instant until = clock.instant().plus(retryDelay(s, retryAfterHeader).orElse(DEFAULT_COOLDOWN));
            Duration wait = Duration.between(clock.instant(), until);
            return new Outcome.RateLimited(until, new UpstreamError(429, UpstreamError.Kind.RATE_LIMITED,
                    what + " (model " + model + ")", Optional.of(wait)));
        }
        if (httpStatus == 401) {
            return new Outcome.AuthExpired(UpstreamError.of(401, UpstreamError.Kind.AUTHENTICATION, what));
        }
        if (httpStatus == 403) {
            if (reason.equals("VALIDATION_REQUIRED")) {
                String link = validationLink(s);
                return new Outcome.AccountUnusable(AccountState.NEEDS_VERIFICATION,
                        "Google asks to verify the account" + (link.isEmpty() ? "" : " at " + link),
                        UpstreamError.of(403, UpstreamError.Kind.PERMISSION, what));
            }
            String lower = s.message().toLowerCase(Locale.ROOT);
            if (lower.contains("terms of service") || lower.contains("suspended") || lower.contains("has been disabled")) {
                return new Outcome.AccountUnusable(AccountState.SUSPENDED, "Google refuses the account: " + s.message(),
                        UpstreamError.of(403, UpstreamError.Kind.PERMISSION, what));
            }
            return new Outcome.Retryable(UpstreamError.of(403, UpstreamError.Kind.PERMISSION, what));
        }
        if (httpStatus == 404) {
            return new Outcome.Fatal(UpstreamError.of(404, UpstreamError.Kind.NOT_FOUND,
                    what + " (model '" + model + "' is not available on Cloud Code; check the model route)"));
        }
        if (httpStatus >= 500) {
            UpstreamError.Kind kind = httpStatus == 503 || httpStatus == 529 ? UpstreamError.Kind.OVERLOADED : UpstreamError.Kind.UPSTREAM;
            return new Outcome.Retryable(UpstreamError.of(502, kind, what));
        }
        return new Outcome.Fatal(UpstreamError.of(httpStatus == 400 ? 400 : 502, UpstreamError.Kind.INVALID_REQUEST, what));
    }

    /** Every hint Google gives, read the same way for every Google upstream ({@link GoogleRetryHints}). */
    Optional<Duration> retryDelay(GoogleStatus s, Optional<String> retryAfterHeader) {
        return GoogleRetryHints.delay(s, retryAfterHeader, clock.instant());
    }

    private static String validationLink(GoogleStatus s) {
        JsonNode error = s.error();
        String link = s.errorInfo().path("metadata").path("validation_link").asText("");
        if (!link.isEmpty()) {
            return link;
        }
        for (JsonNode detail : error.path("details")) {
            for (JsonNode l : detail.path("links")) {
                if (!l.path("url").asText("").isEmpty()) {
                    return l.path("url").asText();
                }
            }
        }
        return "";
    }

    /** Proto-JSON durations: "37s", "0.5s", "539.4ms". */
    static Optional<Duration> protoDuration(String text) {
        return GoogleRetryHints.protoDuration(text);
    }
}
