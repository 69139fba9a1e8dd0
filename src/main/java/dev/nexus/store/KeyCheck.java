package dev.nexus.store;

import dev.nexus.config.ConfigException;
import dev.nexus.secret.SecretBox;

/**
 * Proves at start-up that the secret key is the one the database's tokens were sealed with: the first start
 * seals a known value into the settings table; every later start must be able to open it. A wrong key then
 * stops start-up with a clear message instead of failing later on the first token.
 */
public final class KeyCheck {
    static final String SETTING = "secret_key_check";
    private static final String CONTEXT = "settings." + SETTING;
    private static final String PLAINTEXT = "oauth-llm-nexus secret key check";

    private KeyCheck() {}

    public static void verify(SqlSettings settings, SecretBox box, String keySource) {
        // Read first: every start but the first finds the value, and sealing a new one (and the insert) is wasted there.
        String stored = settings.get(SETTING).orElseGet(() -> settings.putIfAbsent(SETTING, box.seal(PLAINTEXT, CONTEXT)));
        try {
            if (!PLAINTEXT.equals(box.open(stored, CONTEXT))) {
                throw new SecretBox.WrongKeyException("check value differs");
            }
        } catch (SecretBox.WrongKeyException e) {
            throw new ConfigException("the secret key from " + keySource + " is not the key this database was "
                    + "encrypted with, so its tokens cannot be read (set NEXUS_SECRET_KEY to the original key, "
                    + "or restore the original key file beside the database)");
        }
    }
}
