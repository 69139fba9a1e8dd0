package dev.nexus.account;

import dev.nexus.secret.Secret;

/**
 * One upstream API key of a {@link ApiKeyRing}.
 *
 * @param index the key's position in the ring (its order in the configuration)
 */
public record ApiKey(int index, Secret value) {

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
