package dev.nexus.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.clientkey.KeyPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A key's policy as JSON, the same in {@code /api/keys} and {@code nexus keys list --json}: {@code models} (globs, an
 * empty list for every model), {@code rpm}, {@code tpm}, {@code concurrency}, {@code daily_tokens},
 * {@code monthly_tokens} (null for no limit), {@code expires_at} (ISO-8601 or null) and {@code enabled}. Requests may
 * also send {@code expires_in} ({@code 90s}, {@code 12h}, {@code 30d}); a field sent as null clears it, a field left out
 * keeps what the key had.
 */
public final class KeyPolicyJson {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");

    private KeyPolicyJson() {}

    public static void write(ObjectNode node, KeyPolicy policy) {
        ArrayNode models = node.putArray("models");
        policy.models().forEach(models::add);
        limit(node, "rpm", policy.requestsPerMinute());
        limit(node, "tpm", policy.tokensPerMinute());
        limit(node, "concurrency", policy.concurrency());
        limit(node, "daily_tokens", policy.dailyTokens());
        limit(node, "monthly_tokens", policy.monthlyTokens());
        if (policy.expiresAt().isPresent()) {
            node.put("expires_at", policy.expiresAt().get().toString());
        } else {
            node.putNull("expires_at");
        }
        node.put("enabled", policy.enabled());
    }

    private static void limit(ObjectNode node, String field, OptionalLong value) {
        if (value.isPresent()) {
            node.put(field, value.getAsLong());
        } else {
            node.putNull(field);
        }
    }

    /**
     * {@code base} with the policy fields {@code body} sends.
     *
     * @throws IllegalArgumentException naming the field and what it takes
     */
    public static KeyPolicy read(JsonNode body, KeyPolicy base, Instant now) {
        KeyPolicy policy = base;
        if (body.has("models")) {
            policy = policy.withModels(models(body.get("models")));
        }
        policy = limitField(body, "rpm", policy, KeyPolicy::withRequestsPerMinute);
        policy = limitField(body, "tpm", policy, KeyPolicy::withTokensPerMinute);
        policy = limitField(body, "concurrency", policy, KeyPolicy::withConcurrency);
        policy = limitField(body, "daily_tokens", policy, KeyPolicy::withDailyTokens);
        policy = limitField(body, "monthly_tokens", policy, KeyPolicy::withMonthlyTokens);
        if (body.has("expires_at") && body.has("expires_in")) {
            throw new IllegalArgumentException("send expires_at or expires_in, not both");
        }
        if (body.has("expires_at")) {
            JsonNode at = body.get("expires_at");
            policy = policy.withExpiresAt(at.isNull() ? Optional.empty() : Optional.of(instant(text(at, "expires_at"))));
        }
        if (body.has("expires_in")) {
            JsonNode in = body.get("expires_in");
            policy = policy.withExpiresAt(in.isNull() ? Optional.empty() : Optional.of(now.plus(duration(text(in, "expires_in")))));
        }
        if (body.has("enabled")) {
            JsonNode enabled = body.get("enabled");
            if (!enabled.isBoolean()) {
                throw new IllegalArgumentException("'enabled' takes true or false");
            }
            policy = policy.withEnabled(enabled.asBoolean());
        }
        return policy;
    }

    private static KeyPolicy limitField(JsonNode body, String field, KeyPolicy policy,
            BiFunction<KeyPolicy, OptionalLong, KeyPolicy> with) {
        if (!body.has(field)) {
            return policy;
        }
        JsonNode value = body.get(field);
        if (value.isNull()) {
            return with.apply(policy, OptionalLong.empty());
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 1) {
            throw new IllegalArgumentException("'" + field + "' takes a whole number of at least 1, or null for no limit");
        }
        return with.apply(policy, OptionalLong.of(value.asLong()));
    }

    private static List<String> models(JsonNode node) {
        if (node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return globs(node.asText());
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("'models' takes a list of model name patterns such as [\"gemini-*\"], or null for every model");
        }
        List<String> globs = new ArrayList<>();
        for (JsonNode glob : node) {
            globs.add(text(glob, "models").strip());
        }
        return globs;
    }

    /** A comma-separated list of globs; {@code none} or empty for every model. */
    public static List<String> globs(String list) {
        String trimmed = list.strip();
        if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("none")) {
            return List.of();
        }
        List<String> globs = new ArrayList<>();
        for (String glob : trimmed.split(",")) {
            if (!glob.isBlank()) {
                globs.add(glob.strip());
            }
        }
        return globs;
    }

    private static String text(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' takes a string");
        }
        return node.asText();
    }

    public static Instant instant(String iso) {
        try {
            return Instant.parse(iso.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + iso + "' is not an ISO-8601 instant such as 2027-01-31T00:00:00Z");
        }
    }

    /** {@code 90s}, {@code 45m}, {@code 12h} or {@code 30d}. */
    public static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: use a number and a unit s, m, h or d, such as 30d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
