package dev.nexus.account;

import dev.nexus.secret.Secret;

/**
 * One upstream API key of a {@link ApiKeyRing}.
 *
 * @param index the key's position in the ring (its order in the configuration)
 */
public record ApiKey(int index, Secret value) implements Credential {

    /** {@code key1}, {@code key2}…: its place in the configured list, counted from one. */
    @Override
    public String id() {
        return "key" + (index + 1);
    }

    @Override
    public String shown() {
        return toString();
    }

    /** {@code ***…abcdef}: the last six characters, how the operator tells keys apart in logs; short keys as is. */
    public String masked() {
        String key = value.reveal();
        return key.length() <= 6 ? key : "***…" + key.substring(key.length() - 6);
    }

    @Override
    public String toString() {
        return "key " + (index + 1) + " (" + masked() + ")";
    }
}
