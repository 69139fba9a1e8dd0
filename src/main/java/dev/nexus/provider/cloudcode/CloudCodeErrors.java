package dev.nexus.provider.cloudcode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.account.AccountState;
import dev.nexus.chat.UpstreamError;
import dev.nexus.provider.Outcome;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Cloud Code error answer (google.rpc.Status JSON, possibly wrapped in an array) into an {@link Outcome},
 * keeping Google's message for the client and reading every retry hint Google gives.
 */
final class CloudCodeErrors {
    /** Without any hint, a rate-limited (account, model) is left alone this long. */
    static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(60);
    private static final Pattern RESET_AFTER = Pattern.compile("reset after (\\d+(?:\\.\\d+)?)s");
    private static final Pattern RETRY_IN = Pattern.compile("(?i)retry in (\\d+(?:\\.\\d+)?)(ms|s)");
    private static final int MAX_MESSAGE = 2000;

    private final ObjectMapper json;
    private final Clock clock;

    CloudCodeErrors(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** The parsed error: HTTP status, google.rpc status name, message, and the error object for details. */
    record Status(int code, String status, String message, JsonNode error) {}

    Status parse(int httpStatus, String body) {
        JsonNode root;
        try {
            root = json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return new Status(httpStatus, "", truncate(body == null ? "" : body.strip()), json.createObjectNode());
        }
        if (root.isArray() && !root.isEmpty()) {
            root = root.get(0);
        }
        JsonNode error = root.path("error");
        String message = error.path("message").asText(root.path("message").asText(""));
        return new Status(httpStatus, error.path("status").asText(""), truncate(message), error);
    }

    Outcome classify(int httpStatus, String body, Optional<String> retryAfterHeader, String model) {
        Status s = parse(httpStatus, body);
        String reason = errorInfo(s.error()).path("reason").asText("");
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
                String link = validationLink(s.error());
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

    /** RetryInfo.retryDelay, then ErrorInfo quotaResetDelay, then the message's "reset after Ns" / "retry in", then Retry-After. */
    Optional<Duration> retryDelay(Status s, Optional<String> retryAfterHeader) {
        for (JsonNode detail : s.error().path("details")) {
            if (detail.path("@type").asText("").endsWith("google.rpc.RetryInfo")) {
                Optional<Duration> d = protoDuration(detail.path("retryDelay").asText(""));
                if (d.isPresent()) {
                    return d;
                }
            }
        }
        Optional<Duration> reset = protoDuration(errorInfo(s.error()).path("metadata").path("quotaResetDelay").asText(""));
        if (reset.isPresent()) {
            return reset;
        }
        Matcher after = RESET_AFTER.matcher(s.message());
        if (after.find()) {
            return Optional.of(Duration.ofMillis((long) (Double.parseDouble(after.group(1)) * 1000)));
        }
        Matcher retry = RETRY_IN.matcher(s.message());
        if (retry.find()) {
            double value = Double.parseDouble(retry.group(1));
            return Optional.of(Duration.ofMillis((long) (retry.group(2).equals("ms") ? value : value * 1000)));
        }
        return retryAfterHeader.flatMap(CloudCodeErrors::seconds);
    }

    private static JsonNode errorInfo(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            if (detail.path("@type").asText("").endsWith("google.rpc.ErrorInfo")) {
                return detail;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static String validationLink(JsonNode error) {
        String link = errorInfo(error).path("metadata").path("validation_link").asText("");
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
        String t = text.trim();
        try {
            if (t.endsWith("ms")) {
                return Optional.of(Duration.ofNanos((long) (Double.parseDouble(t.substring(0, t.length() - 2)) * 1_000_000)));
            }
            if (t.endsWith("s")) {
                return Optional.of(Duration.ofNanos((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1_000_000_000L)));
            }
        } catch (NumberFormatException ignored) {
            // not a duration
        }
        return Optional.empty();
    }

    private static Optional<Duration> seconds(String header) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            try {
                Instant at = java.time.ZonedDateTime.parse(header.trim(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(Duration.between(Instant.now(), at)).filter(d -> !d.isNegative());
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static String truncate(String message) {
        return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
    }
}
