package dev.nexus.server;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.testing.NexusHarness;
import dev.nexus.testing.RawHttp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request bodies as a client puts them on the wire: valid chunked encoding in all its forms is read, and every broken
 * framing is a 4xx in the envelope of the path's dialect, never a 500, with no Java in the message.
 */
class HttpFramingTest {
    private static final String KEY = "sk-framing-test-0001";
    private static final Duration CLOSE = Duration.ofSeconds(10);
    @TempDir
    Path dir;
    private NexusHarness nexus;

    @BeforeEach
    void start() {
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", KEY).env("NEXUS_MAX_BODY_BYTES", "4096").start();
    }

    @AfterEach
    void stop() {
        nexus.close();
    }

    private static String post(String path, String... headers) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KEY
                + "\r\nContent-Type: application/json\r\n" + String.join("", headers);
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
    }

    @Test
    void chunkExtensionsAndTrailerFieldsAreAccepted() {
        try (RawHttp http = RawHttp.connect(nexus.baseUrl())) {
            http.send(post("/api/keys", "Transfer-Encoding: chunked\r\n\r\n")
                    + "9;name=value\r\n{\"name\":\"\r\n"
                    + "7 ; a=b;c=\"d;e\"\r\nchunked\r\n"
                    + chunk("\"}")
                    + "0;last\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n");
            RawHttp.Answer answer = http.read();
            assertThat(answer.status()).as(answer.text()).isEqualTo(201);
            assertThat(json(answer.text()).path("name").asText()).isEqualTo("chunked");

            // The connection is intact afterwards: the trailers were consumed, not read as the next request.
            http.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(http.read().status()).isEqualTo(200);
        }
    }

    @Test
    void aChunkSizeThatIsNotHexadecimalIsA400InThePathsDialectAndClosesTheConnection() {
        try (RawHttp http = RawHttp.connect(nexus.baseUrl())) {
            http.send(post("/v1/chat/completions", "Transfer-Encoding: chunked\r\n\r\n") + "zz\r\n{}\r\n0\r\n\r\n");
            RawHttp.Answer answer = http.read();
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.header("connection")).isEqualTo("close");
            assertThat(openAiMessage(answer)).contains("chunk size line 'zz'");
            assertThat(http.closedByServer(CLOSE)).isTrue();
        }
    }

    @Test
    void everyBrokenChunkedBodyIsA400NotA500() {
        String[] bodies = {
            "5\r\n{}\r\n0\r\n\r\n",                         // data shorter than its size: the next line is garbage
            "-5\r\n{}\r\n0\r\n\r\n",                        // a sign
            "5 \r\n{\"a\":\r\n0\r\n\r\n",                    // whitespace without an extension
            "ffffffffff\r\n{}\r\n0\r\n\r\n",                // over 2 GiB
            "5\n{\"a\":\r\n0\r\n\r\n",                       // LF alone
            "1".repeat(5000) + "\r\n",                      // a size line with no end in sight
            "2\r\n{}\r\n0\r\n" + "X: " + "y".repeat(20_000) + "\r\n\r\n", // trailers beyond the bound
        };
        for (String body : bodies) {
            try (RawHttp http = RawHttp.connect(nexus.baseUrl())) {
                http.send(post("/anthropic/v1/messages", "Transfer-Encoding: chunked\r\n\r\n") + body);
                RawHttp.Answer answer = http.read();
                assertThat(answer.status()).as(body).isEqualTo(400);
                JsonNode error = json(answer.text());
                assertThat(error.path("type").asText()).as("Anthropic's envelope").isEqualTo("error");
                assertThat(error.at("/error/message").asText()).contains("cannot read the request body").doesNotContain("Exception");
                assertThat(http.closedByServer(CLOSE)).isTrue();
            }
        }
    }

    @Test
    void conflictingOrInvalidFramingHeadersAreA400InThePathsDialect() {
        String[] framings = {
            "Transfer-Encoding: chunked\r\nContent-Length: 2\r\n",
            "Content-Length: abc\r\n",
            "Content-Length: -1\r\n",
            "Content-Length: 2\r\nContent-Length: 3\r\n",
            "Transfer-Encoding: gzip\r\n",
        };
        for (String framing : framings) {
            try (RawHttp http = RawHttp.connect(nexus.baseUrl())) {
                http.send(post("/genai/v1beta/models/gemini-3-flash:generateContent", framing, "\r\n") + "{}");
                RawHttp.Answer answer = http.read();
                assertThat(answer.status()).as(framing).isBetween(400, 499);
                JsonNode error = json(answer.text()).path("error");
                assertThat(error.path("code").asInt()).as("Google's envelope for " + framing).isEqualTo(answer.status());
                assertThat(error.path("message").asText()).startsWith("malformed HTTP request: ").doesNotContain("Exception");
                assertThat(http.closedByServer(CLOSE)).isTrue();
            }
        }
    }

    @Test
    void aBodyOverTheLimitIs413AndClosesTheConnectionWhetherDeclaredOrChunked() {
        try (RawHttp http = RawHttp.connect(nexus.baseUrl())) {
            http.send(post("/v1/chat/completions", "Content-Length: 100000\r\n\r\n") + "{\"model\":");
            RawHttp.Answer answer = http.read();
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.header("connection")).isEqualTo("close");
            assertThat(openAiMessage(answer)).contains("NEXUS_MAX_BODY_BYTES");
            assertThat(http.closedByServer(CLOSE)).as("the unread body is not taken for a next request").isTrue();
        }
        try (RawHttp http = RawHttp.connect(nexus.baseUrl())) {
            http.send(post("/v1/chat/completions", "Transfer-Encoding: chunked\r\n\r\n") + chunk("x".repeat(3000)) + chunk("x".repeat(3000)));
            RawHttp.Answer answer = http.read();
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.header("connection")).isEqualTo("close");
            assertThat(http.closedByServer(CLOSE)).isTrue();
        }
    }

    /**
     * A client that sends its whole body before it reads (most do) still gets the 413: the server drops the rest of the
     * body before it closes, since closing with request bytes unread resets the connection and the reset destroys the
     * answer on its way.
     */
    @Test
    void aClientThatSendsAllOfATooLargeBodyBeforeReadingStillGetsThe413() {
        byte[] body = ("{\"model\":\"" + "x".repeat(24 * 1024 * 1024) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (String framing : List.of("Content-Length: " + body.length + "\r\n\r\n", "Transfer-Encoding: chunked\r\n\r\n")) {
            try (RawHttp http = RawHttp.connect(nexus.baseUrl())) {
                http.send(post("/v1/chat/completions", framing));
                if (framing.startsWith("Content-Length")) {
                    http.send(body);
                } else {
                    for (int i = 0; i < body.length; i += 64 * 1024) {
                        int n = Math.min(64 * 1024, body.length - i);
                        http.send(Integer.toHexString(n) + "\r\n");
                        http.send(java.util.Arrays.copyOfRange(body, i, i + n));
                        http.send("\r\n");
                    }
                    http.send("0\r\n\r\n");
                }
                RawHttp.Answer answer = http.read();
                assertThat(answer.status()).as(framing).isEqualTo(413);
                assertThat(openAiMessage(answer)).contains("NEXUS_MAX_BODY_BYTES");
                assertThat(http.closedByServer(CLOSE)).isTrue();
            }
        }
    }

    @Test
    void jsonNestedDeeperThanTheParserAllowsIsA400NamingTheDepth() {
        String deep = "{\"model\":\"gemini-3-flash\",\"messages\":" + "[".repeat(1500) + "]".repeat(1500) + "}";
        try (RawHttp http = RawHttp.connect(nexus.baseUrl())) {
            http.send(post("/v1/chat/completions", "Content-Length: " + deep.length() + "\r\n\r\n") + deep);
            RawHttp.Answer answer = http.read();
            assertThat(answer.status()).isEqualTo(400);
            assertThat(openAiMessage(answer)).contains("nesting depth").contains("1000").doesNotContain("StreamReadConstraints");
        }
        assertThat(nexus.post("/anthropic/v1/messages", deep, "x-api-key", KEY).statusCode()).isEqualTo(400);
        assertThat(nexus.post("/api/keys", "{\"name\":" + "[".repeat(1500) + "]".repeat(1500) + "}").statusCode()).isEqualTo(400);
    }

    private static String openAiMessage(RawHttp.Answer answer) {
        JsonNode error = json(answer.text()).path("error");
        assertThat(error.path("type").asText()).as("OpenAI's envelope: " + answer.text()).isNotEmpty();
        return error.path("message").asText();
    }
}
