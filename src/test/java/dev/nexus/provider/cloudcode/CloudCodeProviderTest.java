package dev.nexus.provider.cloudcode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.ChatResponse;
import dev.nexus.chat.Message;
import dev.nexus.chat.Part;
import dev.nexus.chat.StopReason;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.Reply;
import dev.nexus.provider.Credentials;
import dev.nexus.provider.Outcome;
import dev.nexus.secret.Secret;
import dev.nexus.upstream.UpstreamHttp;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider alone against the fake: transport, fallback, stream parsing and outcomes. */
class CloudCodeProviderTest {
    private FakeGoogle google;
    private UpstreamHttp http;
    private Credentials alice;

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        google.addAccount("alice@example.com", "proj-alice");
        alice = new Credentials("acct-1", Secret.of(google.issueAccessToken("alice@example.com")));
        http = new UpstreamHttp(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        http.close();
        assertThat(google.awaitNoOpenStreams(Duration.ofSeconds(5))).isTrue();
        google.close();
    }

    /** The provider with each account's project known: acct-1 is alice's, in proj-alice; acct-2 names another's. */
    private CloudCodeProvider provider(String... bases) {
        return new CloudCodeProvider(http, new ObjectMapper(), Clock.systemUTC(),
                List.of(bases).stream().map(URI::create).toList(), CloudCodeHttp.DEFAULT_USER_AGENT,
                (accountId, token) -> accountId.equals("acct-2") ? "someone-elses" : "proj-alice");
    }

    private static ChatRequest ask(String model, boolean stream) {
        return ChatRequest.of(model, List.of(Message.user("hi"))).withStream(stream);
    }

    @Test
    void anUnreachableFirstEndpointFallsBackToTheNext() {
        ChatResponse.Collector out = new ChatResponse.Collector();
        Outcome outcome = provider("http://127.0.0.1:9/v1internal", google.cloudCodeBaseUrl()).call(ask("gemini-3-flash", false), alice, "r1", out);
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        assertThat(out.response().content()).containsExactly(new Part.Text("Hello from fake"));
    }

    @Test
    void answersReadToTheirEndLeaveTheConnectionForTheNextCall() {
        CloudCodeProvider provider = provider(google.cloudCodeBaseUrl());
        for (boolean stream : new boolean[] {false, false, true, true, false}) {
            assertThat(provider.call(ask("gemini-3-flash", stream), alice, "r1", new ChatResponse.Collector()))
                    .isInstanceOf(Outcome.Done.class);
        }
        List<Integer> ports = google.requests().stream().filter(r -> r.path().contains("Content")).map(r -> r.clientPort()).distinct().toList();
        assertThat(ports).as("client ports of five sequential calls").hasSize(1);
    }

    @Test
    void theRequestCarriesAntigravityHeadersAndEnvelope() {
        provider(google.cloudCodeBaseUrl()).call(ask("gemini-3-flash", true), alice, "r1", new ChatResponse.Collector());
        var sent = google.requests(":streamGenerateContent").get(0);
        assertThat(sent.query()).contains("alt=sse");
        assertThat(sent.header("user-agent")).isEqualTo(CloudCodeHttp.DEFAULT_USER_AGENT);
        assertThat(sent.header("client-metadata")).contains("IDE_UNSPECIFIED");
        assertThat(sent.json().path("requestType").asText()).isEqualTo("agent");
    }

    @Test
    void aStreamWithCrlfUsageOnlyChunksAndSignatureOnlyPartsIsDecoded() {
        google.script().enqueue(Reply.builder().crlf().thought("pondering").thoughtSignature("sig-t").usageOnlyChunk()
                .text("an", "swer").usage(10, 4, 3, 2).build());
        ChatResponse.Collector out = new ChatResponse.Collector();
        assertThat(provider(google.cloudCodeBaseUrl()).call(ask("gemini-3-flash", true), alice, "r1", out)).isInstanceOf(Outcome.Done.class);
        ChatResponse response = out.response();
        assertThat(response.content()).anySatisfy(p -> assertThat(p).isInstanceOfSatisfying(Part.Thinking.class, t -> {
            assertThat(t.text()).isEqualTo("pondering");
            assertThat(t.signature()).hasValueSatisfying(s -> assertThat(s.origin()).isEqualTo("cloudcode/gemini"));
        }));
        assertThat(response.content()).contains(new Part.Text("answer"));
        assertThat(response.usage().inputTokens()).isEqualTo(10);
        assertThat(response.usage().cachedInputTokens()).isEqualTo(2);
        assertThat(response.usage().reasoningTokens()).isEqualTo(3);
        assertThat(response.usage().outputTokens()).isEqualTo(7);
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
    }

    @Test
    void anErrorInsideTheStreamBeforeAnyOutputIsClassified() {
        google.script().enqueue(Reply.builder().thenError(Reply.rateLimited(Duration.ofSeconds(5))).build());
        Outcome outcome = provider(google.cloudCodeBaseUrl()).call(ask("gemini-3-flash", true), alice, "r1", new ChatResponse.Collector());
        assertThat(outcome).isInstanceOf(Outcome.RateLimited.class);
    }

    @Test
    void aDisconnectAfterOutputIsBroken() {
        google.script().enqueue(Reply.builder().text("a", "b", "c").disconnectMidEvent(1).build());
        Outcome outcome = provider(google.cloudCodeBaseUrl()).call(ask("gemini-3-flash", true), alice, "r1", new ChatResponse.Collector());
        assertThat(outcome).isInstanceOfAny(Outcome.Broken.class, Outcome.Retryable.class);
    }

    @Test
    void aWrongProjectIsNotRetriedAsIfItWereTheAccountsFault() {
        Credentials wrong = new Credentials("acct-2", alice.accessToken());
        Outcome outcome = provider(google.cloudCodeBaseUrl()).call(ask("gemini-3-flash", false), wrong, "r1", new ChatResponse.Collector());
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Retryable.class,
                r -> assertThat(r.error().message()).contains("Permission denied on resource project someone-elses"));
    }

    @Test
    void functionCallsComeBackAsToolCallsWithTheirIds() {
        google.script().enqueue(Reply.builder().functionCall("c-9", "lookup", Map.of("q", "x"), "sig-c").build());
        ChatResponse.Collector out = new ChatResponse.Collector();
        provider(google.cloudCodeBaseUrl()).call(ask("gemini-3-flash", false), alice, "r1", out);
        assertThat(out.response().stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(out.response().content()).anySatisfy(p -> assertThat(p).isInstanceOfSatisfying(Part.ToolCall.class, c -> {
            assertThat(c.id()).isEqualTo("c-9");
            assertThat(c.name()).isEqualTo("lookup");
            assertThat(c.signature()).hasValueSatisfying(s -> assertThat(s.value()).isEqualTo("sig-c"));
        }));
    }
}
