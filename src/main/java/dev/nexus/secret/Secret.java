package dev.nexus.secret;

import java.util.Objects;

/**
 * A token or key held in memory. {@link #toString()} never shows the value, so a secret that reaches
 * a log line or an error message by accident shows up masked; {@link #reveal()} is the one explicit way out.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    /** Short hint for logs and UIs: first four and last four characters. */
    public String masked() {
        return Masks.token(value);
    }

    @Override
    public String toString() {
        return masked();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && java.security.MessageDigest.isEqual(
                s.value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
