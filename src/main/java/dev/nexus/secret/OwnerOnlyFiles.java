package dev.nexus.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Files only their owner may read or write — mode 0600 where the file system has POSIX permissions — for what holds
 * secrets: the generated encryption key, a generated client key, the SQLite database. Each file is created with that
 * mode, never created open and tightened afterwards. Where there are no POSIX permissions (Windows), files inherit
 * their directory's ACL.
 */
public final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {}

    /** Creates {@code file} empty unless it exists (its directory must); returns whether this call created it. */
    public static boolean createEmpty(Path file) throws IOException {
        try {
            try {
                Files.createFile(file, ownerOnly());
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            return true;
        } catch (FileAlreadyExistsException exists) {
            return false;
        }
    }

    /**
     * Writes {@code content} to a new {@code file}, creating its directory; when the file appears meanwhile (another
     * process wrote it first), that one is kept. Returns whether this call wrote it.
     */
    public static boolean writeNew(Path file, String content) throws IOException {
        Path tmp = written(file, content);
        try {
            try {
                // A link fails if the file exists, so two processes racing never overwrite each other.
                Files.createLink(file, tmp);
                return true;
            } catch (FileAlreadyExistsException raced) {
                return false;
            } catch (UnsupportedOperationException | IOException noHardLinks) {
                if (Files.exists(file)) {
                    return false;
                }
                Files.move(tmp, file);
                return true;
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes {@code content} to {@code file}, creating its directory and replacing an earlier file in one step. */
    public static void replace(Path file, String content) throws IOException {
        Path tmp = written(file, content);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The file's permissions in {@code ls} form (e.g. {@code rw-r--r--}) when group or others have any; else empty. */
    public static Optional<String> openToOthers(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return OWNER_ONLY.containsAll(permissions) ? Optional.empty() : Optional.of(PosixFilePermissions.toString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            return Optional.empty();
        }
    }

    /** {@code content} in an owner-only temporary file beside {@code file}, to be moved or linked into place. */
    private static Path written(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", ownerOnly());
        } catch (UnsupportedOperationException notPosix) {
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        }
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return tmp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    }
}
