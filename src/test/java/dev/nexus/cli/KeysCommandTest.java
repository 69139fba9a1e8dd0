package dev.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.testing.NexusHarness;
import dev.nexus.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
    @TempDir
    Path dir;

    @Test
    void createPrintsTheFullKeyOnceAndListShowsOnlyItsPrefix() throws Exception {
        try (NexusHarness nexus = new NexusHarness(dir)) {
            JsonNode created = nexus.cli("keys", "create", "--name", "laptop", "--json").json();
            String key = created.path("key").asText();
            assertThat(created.path("id").asText()).startsWith("key_");
            assertThat(created.path("name").asText()).isEqualTo("laptop");
            assertThat(key).startsWith("sk-nx-").hasSizeGreaterThan(30);

            var list = nexus.cli("keys", "list");
            assertThat(list.out()).contains("laptop", key.substring(0, 12), "active").doesNotContain(key);
            JsonNode listed = nexus.cli("keys", "list", "--json").json().get(0);
            assertThat(listed.path("prefix").asText()).isEqualTo(key.substring(0, 12));
            assertThat(listed.toString()).doesNotContain(key);
            assertThat(new String(Files.readAllBytes(dir.resolve("nexus.db")))).doesNotContain(key);
        }
    }

    @Test
    void humanOutputWarnsThatTheKeyIsShownOnce() {
        try (NexusHarness nexus = new NexusHarness(dir)) {
            var created = nexus.cli("keys", "create");
            assertThat(created.out()).contains("(default)", "sk-nx-", "cannot show it again");
        }
    }

    @Test
    void revokingAnUnknownKeySaysHowToFindIds() {
        try (NexusHarness nexus = new NexusHarness(dir)) {
            var result = nexus.cli("keys", "revoke", "key_nope");
            assertThat(result.code()).isEqualTo(1);
            assertThat(result.err()).contains("no active key with id 'key_nope'", "nexus keys list");
        }
    }

    @Test
    void theFirstStartWithoutKeysCreatesOneAndPrintsItOnce() {
        String printed;
        try (NexusHarness first = new NexusHarness(dir).start()) {
            printed = first.console();
            assertThat(printed).contains("shown only this once", "sk-nx-");
            String key = printed.lines().map(String::trim).filter(l -> l.startsWith("sk-nx-")).findFirst().orElseThrow();
            assertThat(first.post("/v1/unknown", "{}", "Authorization", "Bearer " + key).statusCode()).isEqualTo(404);
        }
        try (NexusHarness second = new NexusHarness(dir).start()) {
            assertThat(second.console()).doesNotContain("sk-nx-");
        }
    }

    @Test
    void withoutATerminalTheFirstKeyGoesToAnOwnerOnlyFileBesideTheDatabaseNotToTheConsole() throws Exception {
        Path file = dir.resolve("nexus.db.first-client-key");
        String key;
        try (NexusHarness first = new NexusHarness(dir).consoleRedirected().start()) {
            assertThat(first.console()).doesNotContain("sk-nx-");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            key = Files.readString(file).strip();
            assertThat(key).startsWith("sk-nx-");
            assertThat(Files.readString(file)).isEqualTo(key + "\n");
            assertThat(first.post("/v1/unknown", "{}", "Authorization", "Bearer " + key).statusCode()).isEqualTo(404);
        }
        try (NexusHarness second = new NexusHarness(dir).consoleRedirected().start()) {
            assertThat(Files.readString(file).strip()).as("a key exists, so none is made").isEqualTo(key);
        }
    }

    @Test
    void aServerProcessWithRedirectedOutputLogsWhereTheKeyIsAndNeverWritesTheKeyToItsOutput() throws Exception {
        Path data = dir.resolve("data");
        try (ServerProcess server = ServerProcess.start("serve", dir, dir, Map.of("NEXUS_DB", data.resolve("nexus.db").toString()))) {
            Path file = data.resolve("nexus.db.first-client-key");
            String key = Files.readString(file).strip();
            assertThat(key).startsWith("sk-nx-");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(server.stdout()).doesNotContain(key).doesNotContain("sk-nx-");
            assertThat(server.stderr()).contains("it is in " + file).doesNotContain(key);
        }
    }

    @Test
    void noKeyIsGeneratedWhenTheEnvironmentProvidesOne() {
        try (NexusHarness nexus = new NexusHarness(dir).env("NEXUS_API_KEY", "sk-from-env-123456").start()) {
            assertThat(nexus.console()).doesNotContain("sk-nx-");
            assertThat(nexus.cli("keys", "list", "--json").json()).isEmpty();
        }
    }

    @Test
    void versionPrintsTheVersion() {
        try (NexusHarness nexus = new NexusHarness(dir)) {
            assertThat(nexus.cli("version").out()).startsWith("nexus ");
            assertThat(nexus.cli("--version").out()).startsWith("nexus ");
        }
    }
}
