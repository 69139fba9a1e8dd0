package dev.nexus.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.config.Settings;
import dev.nexus.monitor.BodyLogging;
import dev.nexus.monitor.LiveFeed;
import dev.nexus.monitor.Observation;
import dev.nexus.monitor.RecordWriter;
import dev.nexus.monitor.RequestMonitor;
import dev.nexus.store.Database;
import dev.nexus.store.SqlRequestLogs;
import dev.nexus.testing.NexusHarness;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live stream's life cycle on a server of its own, with short intervals so a hang-up is noticed quickly. */
class MonitorStreamTest {
    @TempDir
    Path dir;
    private Database database;
    private RecordWriter writer;
    private final LiveFeed feed = new LiveFeed();
    private RequestMonitor monitor;
    private MonitorStream stream;
    private WebServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() {
        Path file = dir.resolve("nexus.db");
        database = Database.open(new Settings.Database("jdbc:sqlite:" + file, Optional.of(file), Optional.empty(), Optional.empty()));
        writer = new RecordWriter(new SqlRequestLogs(database), 100, 1 << 20).start();
        monitor = new RequestMonitor(writer, feed, new BodyLogging(false, on -> { }), Clock.systemUTC());
        stream = new MonitorStream(feed, monitor, Duration.ofMillis(200), Duration.ofMillis(100));
        server = WebServer.builder().host("127.0.0.1").port(0).routing(stream::register).build().start();
    }

    @AfterEach
    void stop() {
        feed.close();
        server.stop();
        writer.close();
        database.close();
        http.close();
    }

    private RequestMonitorE2ETest.LiveStream open() {
        return RequestMonitorE2ETest.LiveStream.open(http, "http://127.0.0.1:" + server.port() + "/api/monitor/stream");
    }

    @Test
    void statsComeOnConnectAndThenEveryIntervalWithPingsBetween() throws IOException {
        try (RequestMonitorE2ETest.LiveStream live = open()) {
            NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> live.text().split("event: stats", -1).length > 3);
            assertThat(live.has(": ping")).isTrue();
            JsonNode stats = NexusHarness.json(live.dataOf("stats"));
            assertThat(stats.path("dropped").asLong()).isZero();
            assertThat(stats.path("log_bodies").asBoolean()).isFalse();
        }
    }

    @Test
    void aFinishedRequestIsSentAsARequestEvent() throws IOException {
        try (RequestMonitorE2ETest.LiveStream live = open()) {
            NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> live.has("event: stats") && feed.subscribers() == 1);
            Observation o = monitor.begin("req_live", "POST", "/anthropic/v1/messages");
            monitor.finish(o, 529);
            NexusHarness.awaitTrue(Duration.ofSeconds(2), () -> live.has("event: request"));
            JsonNode record = NexusHarness.json(live.dataOf("request"));
            assertThat(record.path("request_id").asText()).isEqualTo("req_live");
            assertThat(record.path("surface").asText()).isEqualTo("anthropic");
            assertThat(record.path("status").asInt()).isEqualTo(529);
        }
    }

    @Test
    void whenTheClientHangsUpTheSubscriptionAndItsHandlerEnd() throws IOException {
        RequestMonitorE2ETest.LiveStream live = open();
        NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> live.has("event: stats"));
        assertThat(feed.subscribers()).isEqualTo(1);
        assertThat(stream.activeStreams()).isEqualTo(1);

        live.close();

        NexusHarness.awaitTrue(Duration.ofSeconds(10), () -> feed.subscribers() == 0 && stream.activeStreams() == 0);
    }

    @Test
    void closingTheFeedEndsEveryStreamSoTheServerCanStop() {
        RequestMonitorE2ETest.LiveStream live = open();
        NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> live.has("event: stats"));

        feed.close();

        NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> stream.activeStreams() == 0 && feed.subscribers() == 0);
        NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> !live.reading());
    }
}
