package dev.nexus.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The generated encryption key used when NEXUS_SECRET_KEY is not set: 32 random bytes in base64,
 * in a file readable only by its owner (0600). Created once, atomically, on first start.
 */
public final class SecretKeyFile {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SecretKeyFile() {}

    /** Reads the key at {@code path}, creating it first when it does not exist. */
    public static String readOrCreate(Path path, SecureRandom random) throws IOException {
        if (!Files.exists(path)) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            create(path, Base64.getEncoder().encodeToString(key) + "\n");
        }
        String content = Files.readString(path, StandardCharsets.UTF_8).trim();
        if (content.isEmpty()) {
            throw new IOException("secret key file " + path + " is empty (restore it from a backup, "
                    + "or set NEXUS_SECRET_KEY to the key the database was created with)");
        }
        return content;
    }

    private static void create(Path path, String content) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, ".nexus-key", ".tmp");
        try {
            restrict(tmp);
            Files.writeString(tmp, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                // A link fails if another process created the key meanwhile; we then use theirs.
                Files.createLink(path, tmp);
            } catch (FileAlreadyExistsException raced) {
                // keep the existing key
            } catch (UnsupportedOperationException | IOException noHardLinks) {
                if (!Files.exists(path)) {
                    Files.move(tmp, path);
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the directory's ACL
        }
    }
}
