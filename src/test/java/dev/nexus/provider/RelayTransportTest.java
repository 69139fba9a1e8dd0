package dev.nexus.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nexus.account.ApiKey;
import dev.nexus.fake.FakeGeminiApi;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.fake.Reply;
import dev.nexus.secret.Secret;
import dev.nexus.upstream.UpstreamHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RelayTransportTest {
    private static final String SERVER_KEY = "AIza-server-side-key-123456";
    private static final String CLIENT_KEY = "sk-nexus-client-key-abcdef";
    private final FakeGeminiApi fake = FakeGeminiApi.start().acceptKey(SERVER_KEY);
    private final UpstreamHttp http = new UpstreamHttp(Duration.ofSeconds(10));
    private final ApiKey key = new ApiKey(0, Secret.of(SERVER_KEY));

    @AfterEach
    void close() {
        http.close();
        fake.close();
    }

    private RelayTransport transport(Duration timeout) {
        return new RelayTransport(http, "Gemini API", URI.create(fake.baseUrl() + "/"), timeout);
    }

    @Test
    void theServerKeyReplacesEveryClientCredentialAndTheRestTravelsUnchanged() throws IOException {
        byte[] body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"h\\u00e9llo\"}]}],\"futureField\":{\"x\":1}}"
                .getBytes(StandardCharsets.UTF_8);
        RelayRequest request = new RelayRequest("POST", "key=" + CLIENT_KEY + "&alt=sse&%24trace=a%20b", Map.of(
                "Authorization", List.of("Bearer " + CLIENT_KEY),
                "X-Goog-Api-Key", List.of(CLIENT_KEY),
                "x-api-key", List.of(CLIENT_KEY),
                "Accept-Encoding", List.of("gzip"),
                "Connection", List.of("keep-alive, X-Hop"),
                "X-Hop", List.of("1"),
                "X-Nexus-Account", List.of("a@example.com"),
                "Content-Type", List.of("application/json"),
                "X-Goog-Api-Client", List.of("google-genai-sdk/2.1.0")), body);

        try (RelayResponse response = transport(Duration.ofSeconds(10)).send("/v1beta/models/gemini-2.5-flash:streamGenerateContent", request, key)) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Type")).contains("text/event-stream");
            assertThat(response.headers()).doesNotContainKeys("content-length", "transfer-encoding", "connection");
            assertThat(new String(response.body().readAllBytes(), StandardCharsets.UTF_8)).startsWith("data: ");
        }

        RecordedRequest sent = fake.requests().get(0);
        assertThat(sent.header("x-goog-api-key")).isEqualTo(SERVER_KEY);
        assertThat(sent.headers().get("x-goog-api-key")).hasSize(1);
        // Every parameter but the key, encoded as the client sent it (the HTTP client may reorder them).
        assertThat(sent.query().split("&")).containsExactlyInAnyOrder("alt=sse", "%24trace=a%20b");
        assertThat(sent.headers()).doesNotContainKeys("authorization", "x-api-key", "accept-encoding", "x-hop", "x-nexus-account");
        assertThat(sent.header("x-goog-api-client")).isEqualTo("google-genai-sdk/2.1.0");
        assertThat(sent.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(sent.toString()).doesNotContain(CLIENT_KEY);
    }

    @Test
    void theTimeoutBoundsTheWaitForHeadersNotTheStream() throws IOException {
        fake.script().enqueue(Reply.builder().text("slow").slowChunks(Duration.ofSeconds(3)).build());
        byte[] hi = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}".getBytes(StandardCharsets.UTF_8);
        RelayRequest request = new RelayRequest("POST", "", Map.of(), hi);

        assertThatThrownBy(() -> transport(Duration.ofMillis(300)).send("/v1beta/models/gemini-2.5-flash:generateContent", request, key))
                .isInstanceOf(HttpTimeoutException.class).hasMessageContaining("300 ms");

        fake.script().enqueue(Reply.builder().text("one", "two").slowChunks(Duration.ofMillis(600)).build());
        try (RelayResponse stream = transport(Duration.ofMillis(300))
                .send("/v1beta/models/gemini-2.5-flash:streamGenerateContent", request, key)) {
            assertThat(new String(stream.body().readAllBytes(), StandardCharsets.UTF_8)).contains("one", "two");
        }
    }

    @Test
    void headersThatCannotGoOutAsTheyAreAreLeftOut() {
        assertThat(RelayTransport.sendable("x-goog-api-client", "google-genai-sdk/2.1.0 gl-java/25")).isTrue();
        assertThat(RelayTransport.sendable("x-trace", "a\tb")).isTrue();
        assertThat(RelayTransport.sendable("bad header", "v")).isFalse();
        assertThat(RelayTransport.sendable("x:y", "v")).isFalse();
        assertThat(RelayTransport.sendable("", "v")).isFalse();
        assertThat(RelayTransport.sendable("x-split", "a\r\nInjected: 1")).isFalse();
    }

    @Test
    void modelIdsBecomeOnePathSegment() {
        assertThat(RelayTransport.segment("gemini-2.5-flash")).isEqualTo("gemini-2.5-flash");
        assertThat(RelayTransport.segment("a/b c:é")).isEqualTo("a%2Fb%20c%3A%C3%A9");
        assertThat(RelayTransport.withoutKey("key=x&alt=sse&k%65y=y&keys=z")).isEqualTo("alt=sse&keys=z");
    }
}
