package dev.nexus.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.chat.UpstreamError;
import dev.nexus.chat.UpstreamError.Kind;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Codex backend's error answers → {@link CodexError}. It writes them three ways: FastAPI's
 * {@code {"detail": "…"}} (400s such as "Store must be set to false"), OpenAI's envelope
 * {@code {"error": {"message", "type", "param", "code"}}}, and for usage limits
 * {@code {"error": {"type": "usage_limit_reached", "message", "plan_type", "resets_at", "resets_in_seconds"}}}; in the
 * stream, {@code response.failed}'s {@code response.error} and {@code error} events carry {@code {code, message}}.
 *
 * <p>The reason decides the kind before the HTTP status does, as Codex itself reacts to it: usage and rate limits and
 * exhausted credits ({@code insufficient_quota}) are rate limits; {@code usage_not_included} (the plan has no Codex)
 * a permission failure; context overflow, invalid prompts and unverifiable {@code encrypted_content} invalid requests;
 * {@code server_is_overloaded} and {@code slow_down} overload. The wait is {@code resets_in_seconds}, else
 * {@code resets_at} from now, else the "try again in …" of the message.
 */
public final class CodexErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** "Please try again in 1.898s", "try again in 35 seconds", "try again in 250ms". */
    private static final Pattern TRY_AGAIN = Pattern.compile("(?i)try again in\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|sec|secs|seconds?)\\b");
    private static final int MAX_MESSAGE = 500;

    private CodexErrors() {}

    /** An HTTP error answer; {@code body} may be any text (a proxy's HTML page, nothing at all). */
    public static CodexError fromHttp(int status, String body, Instant now) {
        JsonNode root;
        try {
            root = body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        } catch (IOException notJson) {
            root = JSON.missingNode();
        }
        if (root == null) {
            root = JSON.missingNode();
        }
        JsonNode error = root.path("error");
        String message;
        if (error.isObject()) {
            message = error.path("message").asText("");
        } else if (root.path("detail").isTextual()) {
            message = root.path("detail").textValue();
        } else if (root.has("detail")) {
            message = root.path("detail").toString();
        } else if (error.isTextual()) {
            message = error.textValue();
        } else {
            message = root.isMissingNode() ? body.strip() : "";
        }
        return build(status, error.isObject() ? error : root, message, now);
    }

    /** An in-stream error object ({@code response.error} of {@code response.failed}, or an {@code error} event). */
    static CodexError fromStream(JsonNode error, Instant now) {
        return build(0, error, error.path("message").asText(""), now);
    }

    /** The stream ended without a terminal event. */
    static CodexError streamClosed() {
        return new CodexError("", UpstreamError.of(502, Kind.UPSTREAM,
                "the Codex stream closed before response.completed (the connection dropped); try again"));
    }

    private static CodexError build(int status, JsonNode error, String upstreamMessage, Instant now) {
        String code = error.path("code").asText("");
        if (code.isEmpty() || code.equals("null")) {
            code = error.path("type").asText("");
        }
        Kind kind = kindOf(code).orElseGet(() -> status > 0 ? OpenAiErrors.kind(status) : Kind.UPSTREAM);
        // A 4xx the backend sent is shown as it came; a 5xx as the gateway's (502 for "the upstream failed").
        int shown = kindOf(code).isPresent() || status <= 0 || status >= 500 ? OpenAiErrors.status(kind) : status;
        Optional<Duration> wait = wait(error, upstreamMessage, now);
        StringBuilder message = new StringBuilder(status > 0 ? "Codex answered HTTP " + status : "the Codex stream failed");
        if (!code.isEmpty()) {
            message.append(" (").append(code).append(')');
        }
        String text = upstreamMessage.length() > MAX_MESSAGE ? upstreamMessage.substring(0, MAX_MESSAGE) + "…" : upstreamMessage;
        if (!text.isEmpty()) {
            message.append(": ").append(text);
        }
        String plan = error.path("plan_type").asText("");
        hint(code, plan, wait).ifPresent(h -> message.append(" (").append(h).append(')'));
        return new CodexError(code, new UpstreamError(shown, kind, message.toString(), wait));
    }

    private static Optional<String> hint(String code, String plan, Optional<Duration> wait) {
        String resets = wait.map(w -> "; it resets in " + w.toSeconds() + " s").orElse("");
        return Optional.ofNullable(switch (code) {
            case "usage_limit_reached" -> "the ChatGPT account" + (plan.isEmpty() ? "" : " (plan " + plan + ")")
                    + " has used up its Codex usage window" + resets;
            case "usage_not_included" -> "the ChatGPT plan" + (plan.isEmpty() ? "" : " " + plan)
                    + " of this account does not include Codex; use an account whose plan does";
            case "insufficient_quota" -> "the account has no Codex credits left" + resets;
            case "context_length_exceeded" -> "the conversation is longer than the model's context window; shorten it";
            case "invalid_encrypted_content" -> "replayed reasoning could not be verified; start a new conversation";
            default -> null;
        });
    }

    private static Optional<Kind> kindOf(String code) {
        return Optional.ofNullable(switch (code) {
            case "usage_limit_reached", "rate_limit_exceeded", "insufficient_quota" -> Kind.RATE_LIMITED;
            case "usage_not_included" -> Kind.PERMISSION;
            case "context_length_exceeded", "invalid_prompt", "invalid_encrypted_content", "invalid_request_error",
                    "invalid_value" -> Kind.INVALID_REQUEST;
            case "server_is_overloaded", "slow_down" -> Kind.OVERLOADED;
            default -> null;
        });
    }

    /** {@code resets_in_seconds}, else {@code resets_at} (epoch seconds) from now, else the message's "try again in". */
    private static Optional<Duration> wait(JsonNode error, String message, Instant now) {
        JsonNode in = error.path("resets_in_seconds");
        if (in.isNumber() && in.asLong() >= 0) {
            return Optional.of(Duration.ofSeconds(in.asLong()));
        }
        JsonNode at = error.path("resets_at");
        if (at.isNumber()) {
            Duration left = Duration.between(now, Instant.ofEpochSecond(at.asLong()));
            return Optional.of(left.isNegative() ? Duration.ZERO : left);
        }
        Matcher m = TRY_AGAIN.matcher(message);
        if (m.find()) {
            double amount = Double.parseDouble(m.group(1));
            boolean millis = m.group(2).toLowerCase(Locale.ROOT).equals("ms");
            long ms = (long) Math.ceil(millis ? amount : amount * 1000);
            // Rounded up to whole seconds: Retry-After counts seconds, and retrying early only fails again.
            return Optional.of(Duration.ofSeconds((ms + 999) / 1000));
        }
        return Optional.empty();
    }
}
