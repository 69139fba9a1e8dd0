package dev.nexus.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordingTest {
    private final FakeGoogle fake = FakeGoogle.start();
    private final TestHttp http = new TestHttp();

    @AfterEach
    void close() {
        fake.close();
    }

    @Test
    void everyRequestIsRecordedInOrderWithLowerCasedHeadersAndItsBody() {
        FakeAccount alice = fake.addAccount("alice@example.com", "alice-project");
        http.postForm(fake.tokenUrl(), Map.of("grant_type", "refresh_token", "refresh_token", alice.refreshToken(), "client_id", OAuthClientRegistry.ANTIGRAVITY_ID, "client_secret", OAuthClientRegistry.ANTIGRAVITY_SECRET));
        String token = fake.issueAccessToken(alice.email());
        http.stream(fake.cloudCodeBaseUrl() + ":streamGenerateContent?alt=sse", token, TestHttp.envelope("alice-project", "gemini-3-flash", "hi"));

        assertThat(fake.requests()).extracting(RecordedRequest::path).containsExactly("/token", "/v1internal:streamGenerateContent");
        RecordedRequest token1 = fake.requests("/token").get(0);
        assertThat(token1.method()).isEqualTo("POST");
        assertThat(token1.form()).containsEntry("grant_type", "refresh_token").containsEntry("client_id", OAuthClientRegistry.ANTIGRAVITY_ID);
        RecordedRequest stream = fake.requests(":streamGenerateContent").get(0);
        assertThat(stream.query()).isEqualTo("alt=sse");
        assertThat(stream.queryParam("alt")).isEqualTo("sse");
        assertThat(stream.headers()).containsKey("authorization").containsKey("content-type");
        assertThat(stream.headers().keySet()).allSatisfy(name -> assertThat(name).isLowerCase());
        assertThat(stream.header("Authorization")).isEqualTo("Bearer " + token);
        assertThat(stream.json().get("model").asText()).isEqualTo("gemini-3-flash");
        assertThat(stream.json().at("/request/session_id").asText()).isEqualTo("s1");
        assertThat(fake.requests(":generateContent")).isEmpty();
    }

    @Test
    void rejectedRequestsAreRecordedToo() {
        http.postJson(fake.cloudCodeBaseUrl() + ":loadCodeAssist", null, "{}");

        assertThat(fake.requests(":loadCodeAssist")).singleElement().satisfies(r -> assertThat(r.body()).isEqualTo("{}"));
    }
}
