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
    private static final int BLOCK = 64 * 1024;
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
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + library;
        String name = PREFIX + SQLiteJDBCLoader.getVersion() + "-" + library;
        Path copy = directory.resolve(name);
        if (SQLiteJDBCLoader.class.getResource(resource) == null) {
            return Optional.empty();
        }
        try {
            if (!sameAsJar(resource, copy)) {
                write(directory, copy, resource);
            }
            return Optional.of(name);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("sqlite-jdbc unpacks its own library: cannot keep a copy in {}: {}", directory, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Whether {@code copy} holds exactly the bytes of the jar's {@code resource}, compared a block at a time (the library
     * is over a megabyte, and whole-file arrays would be the largest allocation of a start).
     */
    private static boolean sameAsJar(String resource, Path copy) throws IOException {
        try (InputStream jar = jarLibrary(resource)) {
            InputStream file;
            try {
                file = Files.newInputStream(copy);
            } catch (NoSuchFileException e) {
                return false;
            }
            try (file) {
                byte[] expected = new byte[BLOCK];
                byte[] actual = new byte[BLOCK];
                while (true) {
                    int n = jar.readNBytes(expected, 0, BLOCK);
                    int m = file.readNBytes(actual, 0, BLOCK);
                    if (n != m || !Arrays.equals(expected, 0, n, actual, 0, m)) {
                        return false;
                    }
                    if (n < BLOCK) {
                        return true;
                    }
                }
            }
        }
    }

    private static InputStream jarLibrary(String resource) throws IOException {
        InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource);
        if (in == null) {
            throw new NoSuchFileException(resource);
        }
        return in;
    }

    /** Writes the copy in one step (other processes may be starting too) and removes other versions' copies. */
    private static void write(Path directory, Path copy, String resource) throws IOException {
        if (!Files.isDirectory(directory)) {
            try {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createDirectories(directory);
            }
        }
        Path tmp = Files.createTempFile(directory, PREFIX, ".tmp");
        try {
            try (InputStream jar = jarLibrary(resource)) {
                Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
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
