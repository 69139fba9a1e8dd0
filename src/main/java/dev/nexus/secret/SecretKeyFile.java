package dev.nexus.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The generated encryption key used when NEXUS_SECRET_KEY is not set: 32 random bytes in base64,
 * in a file readable only by its owner (0600). Created once, atomically, on first start.
 */
public final class SecretKeyFile {
    private SecretKeyFile() {}

    /** Reads the key at {@code path}, creating it first when it does not exist. */
    public static String readOrCreate(Path path, SecureRandom random) throws IOException {
        if (!Files.exists(path)) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            // Another process may create it at the same moment; then both use the one that got there first.
            OwnerOnlyFiles.writeNew(path, Base64.getEncoder().encodeToString(key) + "\n");
        }
        String content = Files.readString(path, StandardCharsets.UTF_8).trim();
        if (content.isEmpty()) {
            throw new IOException("secret key file " + path + " is empty (restore it from a backup, "
                    + "or set NEXUS_SECRET_KEY to the key the database was created with)");
        }
        return content;
    }
}
