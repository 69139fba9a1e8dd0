package dev.nexus.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.config.Settings;
import java.nio.file.Path;
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
    void theFileIsCreatedInWalMode() {
        String mode = database.jdbi().withHandle(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
        assertThat(mode).isEqualToIgnoringCase("wal");
        assertThat(dir.resolve("data/nexus.db")).exists();
    }
}
