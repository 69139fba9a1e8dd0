package dev.nexus.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {
    @TempDir
    Path dir;

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private long files() throws Exception {
        try (Stream<Path> all = Files.list(dir)) {
            return all.count();
        }
    }

    @Test
    void anEmptyFileIsCreatedOwnerOnlyAndAnExistingOneIsLeftAlone() throws Exception {
        Path file = dir.resolve("nexus.db");
        assertThat(OwnerOnlyFiles.createEmpty(file)).isTrue();
        assertThat(mode(file)).isEqualTo("rw-------");
        Files.writeString(file, "data");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(OwnerOnlyFiles.createEmpty(file)).isFalse();
        assertThat(Files.readString(file)).isEqualTo("data");
        assertThat(OwnerOnlyFiles.openToOthers(file)).contains("rw-r--r--");
    }

    @Test
    void writeNewKeepsAFileThatIsAlreadyThereAndReplaceDoesNot() throws Exception {
        Path file = dir.resolve("sub/nexus.db.key");
        assertThat(OwnerOnlyFiles.writeNew(file, "first\n")).isTrue();
        assertThat(OwnerOnlyFiles.writeNew(file, "second\n")).isFalse();
        assertThat(Files.readString(file)).isEqualTo("first\n");
        assertThat(mode(file)).isEqualTo("rw-------");

        Path key = dir.resolve("nexus.db.first-client-key");
        Files.writeString(key, "old");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-rw-rw-"));
        OwnerOnlyFiles.replace(key, "sk-nx-new\n");
        assertThat(Files.readString(key)).isEqualTo("sk-nx-new\n");
        assertThat(mode(key)).isEqualTo("rw-------");
        assertThat(OwnerOnlyFiles.openToOthers(key)).isEmpty();
        assertThat(files()).as("no temporary file is left behind").isEqualTo(2);
    }
}
