package dev.nexus.admin;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.testing.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request records of servers that share one database, one after the other (a restart) or side by side (PostgreSQL):
 * every request is recorded, however alike the processes are. Each request here comes on a connection of its own
 * (a new virtual thread) with its own {@code X-Request-ID}, as behind a proxy such as Envoy, so Nexus draws no
 * request id and the record id is the first random number its thread draws.
 */
class RecordIdsAcrossProcessesTest {
    private static final String KEY = "sk-record-ids-client-key-01";
    private static final int REQUESTS = 40;
    @TempDir
    Path dir;

    @Test
    void twoServerRunsOnOneDatabaseRecordEveryRequestOfBoth() {
        Map<String, String> env = Map.of("NEXUS_DB", dir.resolve("nexus.db").toString(), "NEXUS_API_KEY", KEY);
        List<String> sent = new ArrayList<>();
        JsonNode page;
        try (ServerProcess first = ServerProcess.start("first", dir, dir, env)) {
            sent.addAll(separateRequests(first, "first"));
            awaitRecords(first, sent.size());
        }
        try (ServerProcess second = ServerProcess.start("second", dir, dir, env)) {
            sent.addAll(separateRequests(second, "second"));
            page = awaitRecords(second, sent.size());
        }
        List<String> recorded = new ArrayList<>();
        page.path("records").forEach(r -> recorded.add(r.path("request_id").asText()));
        assertThat(recorded).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(page.path("dropped").asLong()).isZero();
    }

    /** {@value #REQUESTS} requests, each on a new connection, each with its own X-Request-ID; returns the ids. */
    private static List<String> separateRequests(ServerProcess server, String run) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String id = run + "-" + i + "-" + UUID.randomUUID();
            ids.add(id);
            try (HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                HttpResponse<String> res = own.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/no-such-thing"))
                        .header("X-Request-ID", id).header("Authorization", "Bearer " + KEY).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(res.statusCode()).isEqualTo(404);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return ids;
    }

    /** The history once it holds {@code count} records, or as it is when 5 s have passed. */
    private static JsonNode awaitRecords(ServerProcess server, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        try (HttpClient http = HttpClient.newHttpClient()) {
            while (true) {
                JsonNode page = json(http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/monitor/requests?limit=100"))
                        .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
                if (page.path("records").size() >= count || System.nanoTime() > deadline) {
                    return page;
                }
                Thread.sleep(20);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
