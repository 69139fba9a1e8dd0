package dev.nexus.clientkey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * What a client key may do: which models it may ask for (globs on the client's model name, {@code *} any run of
 * characters; empty means every model), how many requests and tokens a minute, how many requests at once, how many
 * tokens a UTC day and a UTC month, until when it works, and whether it is switched on. An empty limit is no limit.
 */
public record KeyPolicy(
        List<String> models,
        OptionalLong requestsPerMinute,
        OptionalLong tokensPerMinute,
        OptionalLong concurrency,
        OptionalLong dailyTokens,
        OptionalLong monthlyTokens,
        Optional<Instant> expiresAt,
        boolean enabled) {

    public static final KeyPolicy UNLIMITED = new KeyPolicy(List.of(), OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), true);

    public KeyPolicy {
        models = List.copyOf(models);
        for (String glob : models) {
            if (glob.isBlank() || glob.length() > 200 || glob.contains(",") || glob.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a model pattern must be 1 to 200 characters without commas or spaces,"
                        + " such as 'gemini-*' (got '" + glob + "')");
            }
        }
        positive("requests per minute", requestsPerMinute);
        positive("tokens per minute", tokensPerMinute);
        positive("concurrent requests", concurrency);
        positive("daily tokens", dailyTokens);
        positive("monthly tokens", monthlyTokens);
    }

    private static void positive(String what, OptionalLong limit) {
        if (limit.isPresent() && limit.getAsLong() < 1) {
            throw new IllegalArgumentException("the limit on " + what + " must be at least 1 (or none for no limit)");
        }
    }

    /** Whether any limit applies at all; a key without one skips the per-minute counters. */
    public boolean limitsRate() {
        return requestsPerMinute.isPresent() || tokensPerMinute.isPresent() || concurrency.isPresent();
    }

    public boolean expired(Instant now) {
        return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
    }

    /** Whether the client may ask for {@code model}: case-insensitive, the whole name must match a glob. */
    public boolean allowsModel(String model) {
        if (models.isEmpty()) {
            return true;
        }
        String name = model == null ? "" : model;
        for (String glob : models) {
            if (globPattern(glob).matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern globPattern(String glob) {
        return Pattern.compile(joinGlob(glob), Pattern.CASE_INSENSITIVE);
    }

    /** {@code *} becomes any run of characters; everything else is literal. */
    private static String joinGlob(String glob) {
        String[] pieces = glob.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pieces.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            if (!pieces[i].isEmpty()) {
                regex.append(Pattern.quote(pieces[i]));
            }
        }
        return regex.toString();
    }

    public KeyPolicy withModels(List<String> value) {
        return new KeyPolicy(value, requestsPerMinute, tokensPerMinute, concurrency, dailyTokens, monthlyTokens, expiresAt, enabled);
    }

    public KeyPolicy withRequestsPerMinute(OptionalLong value) {
        return new KeyPolicy(models, value, tokensPerMinute, concurrency, dailyTokens, monthlyTokens, expiresAt, enabled);
    }

    public KeyPolicy withTokensPerMinute(OptionalLong value) {
        return new KeyPolicy(models, requestsPerMinute, value, concurrency, dailyTokens, monthlyTokens, expiresAt, enabled);
    }

    public KeyPolicy withConcurrency(OptionalLong value) {
        return new KeyPolicy(models, requestsPerMinute, tokensPerMinute, value, dailyTokens, monthlyTokens, expiresAt, enabled);
    }

    public KeyPolicy withDailyTokens(OptionalLong value) {
        return new KeyPolicy(models, requestsPerMinute, tokensPerMinute, concurrency, value, monthlyTokens, expiresAt, enabled);
    }

    public KeyPolicy withMonthlyTokens(OptionalLong value) {
        return new KeyPolicy(models, requestsPerMinute, tokensPerMinute, concurrency, dailyTokens, value, expiresAt, enabled);
    }

    public KeyPolicy withExpiresAt(Optional<Instant> value) {
        return new KeyPolicy(models, requestsPerMinute, tokensPerMinute, concurrency, dailyTokens, monthlyTokens, value, enabled);
    }

    public KeyPolicy withEnabled(boolean value) {
        return new KeyPolicy(models, requestsPerMinute, tokensPerMinute, concurrency, dailyTokens, monthlyTokens, expiresAt, value);
    }
}
