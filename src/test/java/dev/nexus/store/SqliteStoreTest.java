package dev.nexus.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    Settings.Database freshDatabase() {
        Path file = dir.resolve("data/nexus.db");
        return new Settings.Database("jdbc:sqlite:" + file, Optional.of(file), Optional.empty(), Optional.empty());
    }

    @Test
    void aNewDatabaseAndItsWalAndShmFilesAreReadableAndWritableByTheirOwnerOnly() throws Exception {
        new SqlSettings(database, java.time.Clock.systemUTC()).put("probe", "written");
        for (String name : List.of("nexus.db", "nexus.db-wal", "nexus.db-shm")) {
            Path file = dir.resolve("data").resolve(name);
            assertThat(file).as(name).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(name).isEqualTo("rw-------");
        }
    }

    @Test
    void anExistingDatabaseKeepsTheModeItsOperatorGaveIt() throws Exception {
        database.close();
        Path file = dir.resolve("data/nexus.db");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        database = Database.open(freshDatabase());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    }

    /** sqlite-jdbc loads its library from a copy beside the database, rewritten whenever it differs from the jar's. */
    @Test
    void theNativeLibraryIsKeptAsACheckedCopyBesideTheDatabase() throws Exception {
        Path libs = dir.resolve("data/nexus.db.lib");
        Files.createDirectories(libs);
        Files.writeString(libs.resolve("sqlite-0.0.1-libsqlitejdbc.so"), "an older version's copy");
        String name = SqliteLibrary.checkedCopy(libs).orElseThrow();
        Path copy = libs.resolve(name);
        byte[] jar;
        try (var in = org.sqlite.SQLiteJDBCLoader.class.getResourceAsStream(org.sqlite.util.LibraryLoaderUtil.getNativeLibResourcePath()
                + "/" + org.sqlite.util.LibraryLoaderUtil.getNativeLibName())) {
            jar = in.readAllBytes();
        }
        assertThat(Files.readAllBytes(copy)).isEqualTo(jar);
        assertThat(libs.resolve("sqlite-0.0.1-libsqlitejdbc.so")).doesNotExist();
        java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(copy);

        assertThat(SqliteLibrary.checkedCopy(libs)).contains(name);
        assertThat(Files.getLastModifiedTime(copy)).as("an intact copy is kept").isEqualTo(written);

        Files.write(copy, new byte[] {1, 2, 3});
        assertThat(SqliteLibrary.checkedCopy(libs)).contains(name);
        assertThat(Files.readAllBytes(copy)).as("an altered copy is rewritten").isEqualTo(jar);

        Files.write(copy, java.util.Arrays.copyOf(jar, jar.length - 1));
        assertThat(SqliteLibrary.checkedCopy(libs)).contains(name);
        assertThat(Files.readAllBytes(copy)).as("a truncated copy is rewritten").isEqualTo(jar);

        Files.write(copy, java.util.Arrays.copyOf(jar, jar.length + 1));
        assertThat(SqliteLibrary.checkedCopy(libs)).contains(name);
        assertThat(Files.readAllBytes(copy)).as("a copy with bytes after the library is rewritten").isEqualTo(jar);
    }

    @Test
    void theFileIsCreatedInWalMode() {
        String mode = database.jdbi().withHandle(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
        assertThat(mode).isEqualToIgnoringCase("wal");
        assertThat(dir.resolve("data/nexus.db")).exists();
    }
}
