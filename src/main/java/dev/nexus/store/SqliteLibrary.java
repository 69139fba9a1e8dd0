package dev.nexus.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * sqlite-jdbc's native library, kept unpacked in a directory beside the database. Left to itself, sqlite-jdbc writes
 * its library from the jar into the temporary directory on every start and reads it back byte by byte to compare,
 * about a tenth of a second on the path to a ready server. Nexus instead keeps one copy and points sqlite-jdbc at it
 * ({@code org.sqlite.lib.path} and {@code org.sqlite.lib.name}) — only after checking that the copy's bytes equal the
 * library in the jar, so a stale or altered copy is rewritten, never loaded. When the operator set those properties,
 * the jar carries no library for this platform or the directory cannot be written, sqlite-jdbc does as it always did;
 * when the copy cannot be loaded (e.g. a {@code noexec} mount), sqlite-jdbc falls back to unpacking by itself.
 */
final class SqliteLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteLibrary.class);
    private static final String PATH = "org.sqlite.lib.path";
    private static final String NAME = "org.sqlite.lib.name";
    private static final String PREFIX = "sqlite-";
    /** The library loads once a process; the first database opened decides where from. */
    private static boolean decided;

    private SqliteLibrary() {}

    /** Points sqlite-jdbc at a checked copy of its library in {@code directory} (created owner-only if missing). */
    static synchronized void useCopyIn(Path directory) {
        if (decided) {
            return;
        }
        decided = true;
        if (System.getProperty(PATH) != null || System.getProperty(NAME) != null) {
            return;
        }
        checkedCopy(directory).ifPresent(name -> {
            System.setProperty(PATH, directory.toAbsolutePath().toString());
            System.setProperty(NAME, name);
        });
    }

    /**
     * Makes sure {@code directory} holds a copy of the jar's library for this platform, byte for byte; returns its file
     * name, or empty when there is no such library or it cannot be written.
     */
    static Optional<String> checkedCopy(Path directory) {
        String library = LibraryLoaderUtil.getNativeLibName();
        byte[] wanted;
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(LibraryLoaderUtil.getNativeLibResourcePath() + "/" + library)) {
            if (in == null) {
                return Optional.empty();
            }
            wanted = in.readAllBytes();
        } catch (IOException e) {
            return Optional.empty();
        }
        String name = PREFIX + SQLiteJDBCLoader.getVersion() + "-" + library;
        Path copy = directory.resolve(name);
        try {
            if (!Arrays.equals(wanted, existing(copy))) {
                write(directory, copy, wanted);
            }
            return Optional.of(name);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("sqlite-jdbc unpacks its own library: cannot keep a copy in {}: {}", directory, e.toString());
            return Optional.empty();
        }
    }

    private static byte[] existing(Path copy) throws IOException {
        try {
            return Files.readAllBytes(copy);
        } catch (NoSuchFileException e) {
            return new byte[0];
        }
    }

    /** Writes the copy in one step (other processes may be starting too) and removes other versions' copies. */
    private static void write(Path directory, Path copy, byte[] library) throws IOException {
        if (!Files.isDirectory(directory)) {
            try {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createDirectories(directory);
            }
        }
        Path tmp = Files.createTempFile(directory, PREFIX, ".tmp");
        try {
            Files.write(tmp, library);
            Files.move(tmp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        try (DirectoryStream<Path> others = Files.newDirectoryStream(directory, PREFIX + "*")) {
            for (Path other : others) {
                if (!other.equals(copy) && !other.getFileName().toString().endsWith(".tmp")) {
                    Files.deleteIfExists(other);
                }
            }
        }
    }
}
