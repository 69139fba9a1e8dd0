package dev.nexus.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long Google asks a rate-limited caller to wait, read from every place Google puts it. Cloud Code, the Gemini
 * API and Vertex answer 429 with the same google.rpc.Status, so their providers and the key relay share this.
 */
public final class GoogleRetryHints {
    private static final Pattern RESET_AFTER = Pattern.compile("reset after (\\d+(?:\\.\\d+)?)s");
    private static final Pattern RETRY_IN = Pattern.compile("(?i)retry in (\\d+(?:\\.\\d+)?)(ms|s)");

    private GoogleRetryHints() {}

    /**
     * The first hint found, in this order: {@code RetryInfo.retryDelay}, ErrorInfo {@code metadata.quotaResetDelay},
     * the message's "reset after Ns", the message's "retry in Ns" (or ms), then the {@code Retry-After} header
     * (seconds or an HTTP date, measured from {@code now}).
     */
    public static Optional<Duration> delay(GoogleStatus status, Optional<String> retryAfterHeader, Instant now) {
        for (JsonNode detail : status.error().path("details")) {
            if (detail.path("@type").asText("").endsWith("google.rpc.RetryInfo")) {
                Optional<Duration> d = protoDuration(detail.path("retryDelay").asText(""));
                if (d.isPresent()) {
                    return d;
                }
            }
        }
        Optional<Duration> reset = protoDuration(status.errorInfo().path("metadata").path("quotaResetDelay").asText(""));
        if (reset.isPresent()) {
            return reset;
        }
        Matcher after = RESET_AFTER.matcher(status.message());
        if (after.find()) {
            return Optional.of(Duration.ofMillis((long) (Double.parseDouble(after.group(1)) * 1000)));
        }
        Matcher retry = RETRY_IN.matcher(status.message());
        if (retry.find()) {
            double value = Double.parseDouble(retry.group(1));
            return Optional.of(Duration.ofMillis((long) (retry.group(2).equals("ms") ? value : value * 1000)));
        }
        return retryAfterHeader.flatMap(header -> retryAfter(header, now));
    }

    /** Proto-JSON durations ({@code "37s"}, {@code "0.5s"}) and Go's milliseconds ({@code "539.4ms"}). */
    public static Optional<Duration> protoDuration(String text) {
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

    /** {@code Retry-After}: delta seconds or an HTTP date; a date in the past gives nothing. */
    public static Optional<Duration> retryAfter(String header, Instant now) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(Duration.between(now, at)).filter(d -> !d.isNegative());
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
