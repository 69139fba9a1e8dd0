package dev.nexus.keylimit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.nexus.fake.FakeOpenAiCompat;
import dev.nexus.testing.NexusHarness;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Counters shared through Redis (NEXUS_REDIS_URL): two servers on one database and one Redis hold one requests-per-minute
 * limit together; with Redis unreachable requests are still served, limits count per instance, and one WARN says so.
 * Uses the local Redis at 127.0.0.1:6379 ({@code NEXUS_REDIS_URL_TEST} overrides); skipped when it is not running,
 * unless {@code NEXUS_TEST_REDIS=required} (CI), where a missing Redis fails the test.
 */
class KeyPolicyRedisE2ETest {
    private static final String REDIS = System.getenv().getOrDefault("NEXUS_REDIS_URL_TEST", "redis://127.0.0.1:6379");
    private static final String UPSTREAM_KEY = "sk-acme-upstream-key-0001";
    private static final String TARGET = "acme/gpt-4o-mini";

    @TempDir
    Path dir;
    private FakeOpenAiCompat acme;
    private Path catalog;
    private NexusHarness first;
    private NexusHarness second;

    @BeforeEach
    void start() throws IOException {
        acme = FakeOpenAiCompat.start().acceptKey(UPSTREAM_KEY).addModel(TARGET);
        catalog = dir.resolve("catalog.yaml");
        Files.writeString(catalog, """
                providers:
                  - id: acme
                    base_url: %s
                    capabilities: [openai.chat]
                """.formatted(acme.baseUrl()));
    }

    @AfterEach
    void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        acme.close();
    }

    /** A server on the shared database; the first one started writes the route, the others read it from there. */
    private NexusHarness server(String redisUrl) {
        NexusHarness nexus = new NexusHarness(dir)
                .env("NEXUS_OPENAI_COMPAT_PROVIDERS_FILE", catalog.toString())
                .env("NEXUS_ACME_API_KEY", UPSTREAM_KEY)
                .env("NEXUS_REDIS_URL", redisUrl)
                .start();
        if (first == null) {
            nexus.route(PolicyClient.OPENAI.model, "acme", TARGET);
        }
        return nexus;
    }

    private static void requireRedis() {
        boolean up;
        java.net.URI uri = java.net.URI.create(REDIS);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
            up = true;
        } catch (IOException e) {
            up = false;
        }
        if ("required".equals(System.getenv("NEXUS_TEST_REDIS"))) {
            assertThat(up).as("NEXUS_TEST_REDIS=required but no Redis answers at " + REDIS).isTrue();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(up, "no Redis at " + REDIS + " (set NEXUS_TEST_REDIS=required to fail instead)");
    }

    @Test
    void twoServersSharingRedisHoldOneRequestsPerMinuteLimitTogether() {
        requireRedis();
        first = server(REDIS);
        second = server(REDIS);
        CreatedKey created = CreatedKey.create(first, "fleet", "--rpm", "3");
        created.awaitKnownBy(second);
        String key = created.secret();
        NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> second.get("/api/model-routes").body().contains(TARGET));
        // Fixed one-minute windows: near a minute's end the four requests could straddle two windows.
        NexusHarness.awaitTrue(Duration.ofSeconds(15), () -> java.time.Instant.now().getEpochSecond() % 60 < 45);

        assertThat(PolicyClient.OPENAI.ask(first, key).statusCode()).isEqualTo(200);
        assertThat(PolicyClient.OPENAI.ask(second, key).statusCode()).isEqualTo(200);
        assertThat(PolicyClient.OPENAI.ask(first, key).statusCode()).isEqualTo(200);
        int before = acme.chats().size();

        String refusedBySecond = PolicyClient.OPENAI.error(PolicyClient.OPENAI.ask(second, key), 429);
        String refusedByFirst = PolicyClient.OPENAI.error(PolicyClient.OPENAI.ask(first, key), 429);

        assertThat(refusedBySecond).contains("3 requests").contains("requests per minute");
        assertThat(refusedByFirst).contains("requests per minute");
        assertThat(acme.chats()).hasSize(before);
    }

    @Test
    void withRedisUnreachableRequestsAreServedAndCountedPerInstanceWithOneWarning() {
        Logger log = (Logger) LoggerFactory.getLogger(SharedCounters.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        try {
            // Port 9 on loopback: nothing listens, as when Redis is down.
            first = server("redis://127.0.0.1:9");
            String key = CreatedKey.create(first, "alone", "--rpm", "2").secret();
            NexusHarness.awaitTrue(Duration.ofSeconds(15), () -> java.time.Instant.now().getEpochSecond() % 60 < 45);

            assertThat(PolicyClient.OPENAI.ask(first, key).statusCode()).isEqualTo(200);
            assertThat(PolicyClient.OPENAI.ask(first, key).statusCode()).isEqualTo(200);
            assertThat(PolicyClient.OPENAI.error(PolicyClient.OPENAI.ask(first, key), 429)).contains("requests per minute");

            List<ILoggingEvent> warnings = lines.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0).getFormattedMessage()).contains("127.0.0.1:9").contains("per instance");
        } finally {
            log.detachAppender(lines);
        }
    }
}
