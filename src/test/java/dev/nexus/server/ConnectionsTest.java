package dev.nexus.server;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.Reply;
import dev.nexus.testing.NexusHarness;
import dev.nexus.testing.RawHttp;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections as clients and proxies use them: {@code Connection: close} ends one, HTTP/1.0 (nginx's default to an
 * upstream) is served, and a client that makes the server wait (idle, a head or an upload that trickles or stops) is
 * cut off after its bound, while an answer that streams for longer than every bound is not.
 */
class ConnectionsTest {
    private static final String KEY = "sk-connections-test-01";
    /** Every bound is one second here; a deadline that proves it works leaves room for a loaded machine. */
    private static final Duration BOUND = Duration.ofSeconds(1);
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    @TempDir
    Path dir;
    private FakeGoogle google;
    private NexusHarness nexus;

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        google.addAccount("a@example.com", "proj-a");
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", KEY).usingGoogle(google)
                .env("NEXUS_IDLE_TIMEOUT", "1s").env("NEXUS_HEADER_TIMEOUT", "1s").env("NEXUS_BODY_TIMEOUT", "1s");
        assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account("a@example.com").refreshToken(),
                "--email", "a@example.com", "--project", "proj-a").code()).isZero();
        nexus.start();
    }

    @AfterEach
    void stop() {
        nexus.close();
        assertThat(google.awaitNoOpenStreams(Duration.ofSeconds(5))).as("no upstream stream left open").isTrue();
        google.close();
    }

    private static String chat(String version, boolean stream) {
        String body = "{\"model\":\"gemini-3-flash\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        return "POST /v1/chat/completions HTTP/" + version + "\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    @Test
    void connectionCloseEndsTheConnectionOnceTheAnswerIsOut() {
        try (RawHttp http = RawHttp.connect(nexus.baseUrl())) {
            http.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            RawHttp.Answer answer = http.read();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("connection")).isEqualTo("close");
            assertThat(http.closedByServer(DEADLINE)).isTrue();
        }
    }

    @Test
    void aRequestPipelinedAfterConnectionCloseIsNotServed() {
        try (RawHttp http = RawHttp.connect(nexus.baseUrl())) {
            http.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    + "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(http.read().status()).isEqualTo(200);
            assertThat(http.closedByServer(DEADLINE)).as("closed without a second answer").isTrue();
        }
    }

    @Test
    void aKeepAliveConnectionServesRequestsUntilItIsIdleForTheBound() {
        try (RawHttp http = RawHttp.connect(nexus.baseUrl())) {
            for (int i = 0; i < 3; i++) {
                http.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                assertThat(http.read().status()).isEqualTo(200);
            }
            long idleFrom = System.nanoTime();
            assertThat(http.closedByServer(DEADLINE)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - idleFrom)).as("kept open while idle for the bound")
                    .isGreaterThanOrEqualTo(BOUND.minusMillis(100));
        }
    }

    @Test
    void aConnectionThatNeverSendsARequestIsClosed() {
        try (RawHttp http = RawHttp.connect(nexus.baseUrl())) {
            assertThat(http.closedByServer(DEADLINE)).isTrue();
        }
    }

    @Test
    void aRequestHeadThatTricklesInIsCutOffAfterTheBoundWhateverItsPace() {
        try (RawHttp http = RawHttp.connect(nexus.baseUrl())) {
            http.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            boolean closed = false;
            while (!closed && System.nanoTime() < deadline) {
                try {
                    http.send("a"); // one byte per pause of the read below: a head that never ends
                } catch (UncheckedIOException e) {
                    closed = true;
                    break;
                }
                closed = http.closedByServer(Duration.ofMillis(100));
            }
            assertThat(closed).as("the trickling head was cut off").isTrue();
        }
    }

    @Test
    void anUploadThatStallsIsCutOffAndRecordedAs408() {
        try (RawHttp http = RawHttp.connect(nexus.baseUrl())) {
            http.send("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"model\":");
            assertThat(http.closedByServer(DEADLINE)).isTrue();
        }
        JsonNode record = awaitRecord(408);
        assertThat(record.path("error").asText()).contains("no request body bytes", "NEXUS_BODY_TIMEOUT");
    }

    @Test
    void aClientThatHangsUpDuringItsUploadIsRecordedAs499() {
        try (RawHttp http = RawHttp.connect(nexus.baseUrl())) {
            http.send("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KEY
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n9\r\n{\"model\":\r\n");
        }
        JsonNode record = awaitRecord(499);
        assertThat(record.path("error").asText()).isEqualTo("the client closed the connection before its request body was complete");
    }

    @Test
    void aStreamLongerThanEveryBoundIsNotCut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        google.script().enqueue(Reply.builder().text("first ", "second ", "third").holdAfter(1, release).build());
        try (RawHttp stream = RawHttp.connect(nexus.baseUrl())) {
            stream.send(chat("1.1", true));
            CompletableFuture<RawHttp.Answer> answer = CompletableFuture.supplyAsync(stream::read);
            NexusHarness.awaitTrue(DEADLINE, () -> google.openStreams() == 1);
            // A witness connected once the stream went quiet: when it is closed as idle, the stream has been silent
            // (and the server not reading from its client) for longer than any bound.
            try (RawHttp witness = RawHttp.connect(nexus.baseUrl())) {
                assertThat(witness.closedByServer(DEADLINE)).isTrue();
            }
            release.countDown();
            assertThat(text(answer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).text())).isEqualTo("first second third");
        }
    }

    @Test
    void anHttp10RequestGetsAnHttp10AnswerAndTheConnectionEnds() {
        try (RawHttp http = RawHttp.connect(nexus.baseUrl())) {
            http.send("GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n");
            RawHttp.Answer answer = http.read();
            assertThat(answer.statusLine()).isEqualTo("HTTP/1.0 200 OK");
            assertThat(answer.header("connection")).isEqualTo("close");
            assertThat(answer.header("content-length")).isEqualTo(String.valueOf(answer.body().length));
            assertThat(json(answer.text()).path("status").asText()).isEqualTo("ok");
            assertThat(http.closedByServer(DEADLINE)).isTrue();
        }
        try (RawHttp http = RawHttp.connect(nexus.baseUrl())) {
            http.send(chat("1.0", false));
            RawHttp.Answer answer = http.read();
            assertThat(answer.statusLine()).isEqualTo("HTTP/1.0 200 OK");
            assertThat(json(answer.text()).at("/choices/0/message/content").asText()).isEqualTo("Hello from fake");
        }
        try (RawHttp http = RawHttp.connect(nexus.baseUrl())) {
            http.send("GET /v1/models HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
            RawHttp.Answer answer = http.read();
            assertThat(answer.statusLine()).startsWith("HTTP/1.0 401 ");
            assertThat(json(answer.text()).at("/error/message").asText()).isNotEmpty();
        }
    }

    @Test
    void anHttp10StreamArrivesWithoutChunkingAndEndsWithTheConnection() {
        google.script().enqueue(Reply.builder().text("Hel", "lo", " world").build());
        try (RawHttp http = RawHttp.connect(nexus.baseUrl())) {
            http.send(chat("1.0", true));
            RawHttp.Answer answer = http.read(); // neither length nor chunks: the body is all that arrives before the close
            assertThat(answer.statusLine()).isEqualTo("HTTP/1.0 200 OK");
            assertThat(answer.header("transfer-encoding")).isEmpty();
            assertThat(answer.header("connection")).isEqualTo("close");
            assertThat(answer.header("content-type")).startsWith("text/event-stream");
            assertThat(text(answer.text())).isEqualTo("Hello world");
            assertThat(answer.text()).endsWith("data: [DONE]\n\n");
        }
    }

    @Test
    void curlSpeakingHttp10GetsTheAnswer() throws Exception {
        assumeTrue(onPath("curl"), "curl is not installed");
        Process curl = new ProcessBuilder("curl", "-sS", "--http1.0", "-i", "-H", "Authorization: Bearer " + KEY,
                "-H", "Content-Type: application/json", "--data-binary",
                "{\"model\":\"gemini-3-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                nexus.baseUrl() + "/v1/chat/completions").redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).as(out).isZero();
        assertThat(out).startsWith("HTTP/1.0 200 OK").contains("Hello from fake");
    }

    private JsonNode awaitRecord(int status) {
        JsonNode[] found = new JsonNode[1];
        NexusHarness.awaitTrue(DEADLINE, () -> {
            Optional<JsonNode> record = StreamSupport.stream(json(nexus.get("/api/monitor/requests").body()).path("records").spliterator(), false)
                    .filter(r -> r.path("status").asInt() == status).findFirst();
            record.ifPresent(r -> found[0] = r);
            return record.isPresent();
        });
        return found[0];
    }

    /** The text of an OpenAI chat stream's deltas. */
    private static String text(String sse) {
        return sse.lines().filter(l -> l.startsWith("data: {")).map(l -> json(l.substring(6)))
                .map(chunk -> chunk.at("/choices/0/delta/content").asText(""))
                .collect(Collectors.joining());
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
