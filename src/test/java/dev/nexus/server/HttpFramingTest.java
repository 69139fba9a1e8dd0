package dev.nexus.server;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.testing.NexusHarness;
import dev.nexus.testing.RawHttp;
import java.nio.file.Path;
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
