package dev.nexus.account;

import java.util.Locale;

/**
 * Whether an account may serve requests. Cooling down after a 429 is not a state of the account:
 * it is per model and lives in the pool's cooldown table.
 */
public enum AccountState {
    ACTIVE,
    /** Switched off by the operator. */
    DISABLED,
    /** The refresh token was revoked or expired; only a new login helps. */
    NEEDS_RELOGIN,
    /** Google asks the user to verify the account (403 VALIDATION_REQUIRED) at a link. */
    NEEDS_VERIFICATION,
    /** Google refuses the account (403 for terms-of-service reasons). */
    SUSPENDED;

    /** The lower-case name used in JSON, the CLI and the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AccountState fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
