package dev.nexus.store;

import dev.nexus.config.Settings;
import dev.nexus.testing.ScratchPostgres;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a real PostgreSQL: {@code NEXUS_TEST_PG_URL} (default: the local cluster's {@code test}
 * database). Each test gets its own schema. CI sets {@code NEXUS_TEST_PG=required}, so there a missing server
 * fails the build instead of skipping.
 */
class PostgresStoreTest extends StoreContract {
    private final List<ScratchPostgres> schemas = new ArrayList<>();

    @Override
    Settings.Database freshDatabase() throws SQLException {
        ScratchPostgres scratch = ScratchPostgres.create();
        schemas.add(scratch);
        return new Settings.Database(scratch.url(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void anotherInstanceHearsCommittedChangesAtOnceAndNothingOfARolledBackOne() throws Exception {
        java.util.concurrent.BlockingQueue<Change> heard = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.CountDownLatch connected = new java.util.concurrent.CountDownLatch(1);
        try (Database other = Database.open(where);
                ChangeListener listener = other.listen(heard::add, connected::countDown).orElseThrow()) {
            org.assertj.core.api.Assertions.assertThat(connected.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            try {
                database.jdbi().useTransaction(h -> {
                    Revisions.bump(h, "model_routes");
                    throw new IllegalStateException("rolled back");
                });
            } catch (IllegalStateException expected) {
                // The notice went nowhere with the transaction.
            }
            new SqlStickySessions(database).save("google", "hash:a b", "acc-1", java.time.Instant.EPOCH);
            new SqlCooldowns(database).save("acc-1", "m", java.time.Instant.EPOCH.plusSeconds(60));
            Change sticky = heard.poll(5, java.util.concurrent.TimeUnit.SECONDS);
            org.assertj.core.api.Assertions.assertThat(sticky).isEqualTo(new Change(Change.STICKY, database.origin(), "google\thash:a b"));
            org.assertj.core.api.Assertions.assertThat(sticky.from(other.origin())).isTrue();
            org.assertj.core.api.Assertions.assertThat(heard.poll(5, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo(new Change("cooldowns", "-", ""));
            org.assertj.core.api.Assertions.assertThat(heard).isEmpty();
        }
    }

    @Test
    void aDeploymentInAnotherSchemaOfTheSameDatabaseHearsNothing() throws Exception {
        java.util.concurrent.BlockingQueue<Change> heard = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.CountDownLatch connected = new java.util.concurrent.CountDownLatch(1);
        Settings.Database elsewhere = freshDatabase();
        try (Database other = Database.open(elsewhere);
                ChangeListener listener = other.listen(heard::add, connected::countDown).orElseThrow()) {
            org.assertj.core.api.Assertions.assertThat(connected.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            new SqlCooldowns(database).save("acc-1", "m", java.time.Instant.EPOCH.plusSeconds(60));
            new SqlCooldowns(other).save("acc-1", "m", java.time.Instant.EPOCH.plusSeconds(60));
            org.assertj.core.api.Assertions.assertThat(heard.poll(5, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo(new Change("cooldowns", "-", ""));
            org.assertj.core.api.Assertions.assertThat(heard.poll(300, java.util.concurrent.TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @AfterEach
    void dropSchemas() throws SQLException {
        for (ScratchPostgres scratch : schemas) {
            scratch.close();
        }
    }
}
