package dev.nexus.account;

import java.util.Locale;

/** The order in which usable accounts are offered for a request (NEXUS_POOL_STRATEGY). */
public enum PoolStrategy {
    /** The primary account first, then the others oldest first (the Go original's behaviour). */
    PRIMARY,
    /** Each request starts one account further along, spreading load evenly. */
    ROUND_ROBIN,
    /** The account that served least recently first. */
    LEAST_RECENTLY_USED,
    /** Oldest account first until it cools down, then the next: spends one account's quota before another's. */
    FILL_FIRST;

    public static PoolStrategy parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
