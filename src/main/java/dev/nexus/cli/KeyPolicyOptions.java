package dev.nexus.cli;

import dev.nexus.admin.KeyPolicyJson;
import dev.nexus.clientkey.KeyPolicy;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine.Option;

/**
 * The policy options of {@code nexus keys create} and {@code update}. An option left out keeps what the key has (no
 * limit for a new key); {@code none} clears a limit.
 */
final class KeyPolicyOptions {
    @Option(names = "--models", paramLabel = "GLOBS", description = "Models the key may use, comma-separated globs on the client's model name (e.g. 'gemini-*,claude-sonnet-*'); none for every model.")
    String models;
    @Option(names = "--rpm", paramLabel = "N", description = "Requests per minute (none: no limit).")
    String rpm;
    @Option(names = "--tpm", paramLabel = "N", description = "Tokens per minute, input and output (none: no limit).")
    String tpm;
    @Option(names = "--concurrency", paramLabel = "N", description = "Requests in progress at once (none: no limit).")
    String concurrency;
    @Option(names = "--daily-tokens", paramLabel = "N", description = "Tokens per UTC day (none: no limit).")
    String dailyTokens;
    @Option(names = "--monthly-tokens", paramLabel = "N", description = "Tokens per UTC month (none: no limit).")
    String monthlyTokens;
    @Option(names = "--expires-in", paramLabel = "DURATION", description = "Expire after 90s, 12h, 30d… from now (none: never).")
    String expiresIn;
    @Option(names = "--expires-at", paramLabel = "ISO", description = "Expire at an instant such as 2027-01-31T00:00:00Z (none: never).")
    String expiresAt;
    @Option(names = "--enable", description = "Accept the key again.")
    boolean enable;
    @Option(names = "--disable", description = "Refuse the key (401) until enabled again.")
    boolean disable;

    /** {@code base} with the options given. */
    KeyPolicy apply(KeyPolicy base, Instant now) {
        if (expiresIn != null && expiresAt != null) {
            throw new Failures.UserError("give --expires-in or --expires-at, not both");
        }
        if (enable && disable) {
            throw new Failures.UserError("give --enable or --disable, not both");
        }
        try {
            KeyPolicy policy = base;
            if (models != null) {
                policy = policy.withModels(KeyPolicyJson.globs(models));
            }
            policy = rpm == null ? policy : policy.withRequestsPerMinute(limit("--rpm", rpm));
            policy = tpm == null ? policy : policy.withTokensPerMinute(limit("--tpm", tpm));
            policy = concurrency == null ? policy : policy.withConcurrency(limit("--concurrency", concurrency));
            policy = dailyTokens == null ? policy : policy.withDailyTokens(limit("--daily-tokens", dailyTokens));
            policy = monthlyTokens == null ? policy : policy.withMonthlyTokens(limit("--monthly-tokens", monthlyTokens));
            if (expiresIn != null) {
                policy = policy.withExpiresAt(none(expiresIn) ? Optional.empty() : Optional.of(now.plus(KeyPolicyJson.duration(expiresIn))));
            }
            if (expiresAt != null) {
                policy = policy.withExpiresAt(none(expiresAt) ? Optional.empty() : Optional.of(KeyPolicyJson.instant(expiresAt)));
            }
            if (enable || disable) {
                policy = policy.withEnabled(enable);
            }
            return policy;
        } catch (IllegalArgumentException e) {
            throw new Failures.UserError(e.getMessage());
        }
    }

    private static boolean none(String value) {
        return value.strip().equalsIgnoreCase("none");
    }

    private static OptionalLong limit(String option, String value) {
        if (none(value)) {
            return OptionalLong.empty();
        }
        try {
            long n = Long.parseLong(value.strip().replace("_", ""));
            if (n >= 1) {
                return OptionalLong.of(n);
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new Failures.UserError(option + " takes a whole number of at least 1, or none for no limit (got '" + value + "')");
    }
}
