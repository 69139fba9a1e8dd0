package dev.nexus.keylimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.fake.CompatReply;
import dev.nexus.fake.FakeOpenAiCompat;
import dev.nexus.testing.NexusHarness;
import dev.nexus.testing.SettableClock;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Client-key policies through the real server (issue 17 §1), in each client dialect: a refused request gets the
 * dialect's envelope, names the model or limit, carries {@code Retry-After} for a limit, and never reaches the fake
 * upstream. The clock starts a minute before a UTC month ends, so day and month budgets are seen to reset.
 */
class KeyPolicyE2ETest {
    private static final String UPSTREAM_KEY = "sk-acme-upstream-key-0001";
    private static final String TARGET = "acme/gpt-4o-mini";
    /** What the fake reports for each answer: 9 input and 5 output tokens. */
    private static final long TOKENS_PER_ANSWER = 14;
    private static final Instant START = Instant.parse("2026-12-31T23:59:00Z");

    @TempDir
    Path dir;
    private final SettableClock clock = new SettableClock(START);
    private FakeOpenAiCompat acme;
    private NexusHarness nexus;

    @BeforeEach
    void start() throws IOException {
        acme = FakeOpenAiCompat.start().acceptKey(UPSTREAM_KEY).addModel(TARGET);
        Path catalog = dir.resolve("catalog.yaml");
        Files.writeString(catalog, """
                providers:
                  - id: acme
                    base_url: %s
                    capabilities: [openai.chat]
                """.formatted(acme.baseUrl()));
        nexus = new NexusHarness(dir).clock(clock)
                .env("NEXUS_OPENAI_COMPAT_PROVIDERS_FILE", catalog.toString())
                .env("NEXUS_ACME_API_KEY", UPSTREAM_KEY)
                .start();
        for (PolicyClient client : PolicyClient.values()) {
            nexus.route(client.model, "acme", TARGET);
        }
    }

    @AfterEach
    void stop() {
        nexus.close();
        acme.close();
    }

    /**
     * The first refusal within a few seconds (tokens are counted once a request has ended, a moment after its client
     * has the answer), checked to have reached no upstream.
     */
    private HttpResponse<String> awaitRefused(PolicyClient client, CreatedKey key) {
        List<HttpResponse<String>> refused = new ArrayList<>();
        NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> {
            int before = acme.chats().size();
            HttpResponse<String> res = client.ask(nexus, key.secret());
            if (res.statusCode() == 200) {
                return false;
            }
            assertThat(acme.chats()).as("the fake saw no call for a refused request").hasSize(before);
            refused.add(res);
            return true;
        });
        return refused.get(0);
    }

    private void awaitServed(PolicyClient client, CreatedKey key) {
        assertThat(NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> client.ask(nexus, key.secret()).statusCode() == 200))
                .as("served within the deadline").isNotNull();
    }

    @ParameterizedTest
    @EnumSource(PolicyClient.class)
    void aModelOutsideTheKeysPatternsIsRefusedWith403NamingTheModelAndTheKey(PolicyClient client) {
        CreatedKey key = CreatedKey.create(nexus, "laptop", "--models", "nothing-*,other-*");
        CreatedKey wide = CreatedKey.create(nexus, "wide", "--models", client.model.substring(0, 3) + "*");
        int before = acme.chats().size();

        HttpResponse<String> refused = client.ask(nexus, key.secret());

        String message = client.error(refused, 403);
        assertThat(message).contains("'" + client.model + "'").contains("'laptop'").contains("nothing-*");
        assertThat(acme.chats()).hasSize(before);
        assertThat(client.ask(nexus, wide.secret()).statusCode()).as("a matching pattern").isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(PolicyClient.class)
    void requestsPerMinuteAnswer429WithRetryAfterUntilTheMinuteEnds(PolicyClient client) {
        CreatedKey key = CreatedKey.create(nexus, "rpm", "--rpm", "2");
        assertThat(client.ask(nexus, key.secret()).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(20));
        assertThat(client.ask(nexus, key.secret()).statusCode()).isEqualTo(200);
        int before = acme.chats().size();

        HttpResponse<String> refused = client.ask(nexus, key.secret());

        assertThat(client.error(refused, 429)).contains("'rpm'").contains("requests per minute");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("40");
        assertThat(acme.chats()).hasSize(before);
        clock.advance(Duration.ofSeconds(40));
        assertThat(client.ask(nexus, key.secret()).statusCode()).as("a new minute").isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(PolicyClient.class)
    void tokensPerMinuteCountWhatTheUpstreamReported(PolicyClient client) {
        CreatedKey key = CreatedKey.create(nexus, "tpm", "--tpm", Long.toString(TOKENS_PER_ANSWER + 1));
        assertThat(client.ask(nexus, key.secret()).statusCode()).isEqualTo(200);
        assertThat(client.ask(nexus, key.secret()).statusCode()).as("14 of 15 used").isEqualTo(200);
        HttpResponse<String> refused = awaitRefused(client, key);

        assertThat(client.error(refused, 429)).contains("tokens per minute").contains("used 28 tokens");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("60");
    }

    @ParameterizedTest
    @EnumSource(PolicyClient.class)
    void aDailyBudgetResetsAtTheUtcDayBoundary(PolicyClient client) {
        CreatedKey key = CreatedKey.create(nexus, "daily", "--daily-tokens", "10");
        assertThat(client.ask(nexus, key.secret()).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(30));

        HttpResponse<String> refused = awaitRefused(client, key);

        assertThat(client.error(refused, 429)).contains("daily token budget").contains("2027-01-01T00:00:00Z");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
        clock.advance(Duration.ofSeconds(31));
        assertThat(client.ask(nexus, key.secret()).statusCode()).as("a new UTC day").isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(PolicyClient.class)
    void aMonthlyBudgetResetsAtTheUtcMonthBoundary(PolicyClient client) {
        CreatedKey key = CreatedKey.create(nexus, "monthly", "--monthly-tokens", "10", "--daily-tokens", "1000");
        assertThat(client.ask(nexus, key.secret()).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = awaitRefused(client, key);

        assertThat(client.error(refused, 429)).contains("monthly token budget");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("60");
        clock.advance(Duration.ofMinutes(1));
        assertThat(client.ask(nexus, key.secret()).statusCode()).as("a new UTC month").isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(PolicyClient.class)
    void concurrentRequestsAreLimitedAndTheSlotIsFreedWhenTheStreamEnds(PolicyClient client) throws IOException {
        CreatedKey key = CreatedKey.create(nexus, "one-at-a-time", "--concurrency", "1");
        CountDownLatch release = new CountDownLatch(1);
        acme.enqueue(CompatReply.builder().text("held ", "answer").holdBeforeFinish(release).build());
        HttpResponse<InputStream> open = client.stream(nexus, key.secret());
        assertThat(open.statusCode()).isEqualTo(200);
        int before = acme.chats().size();

        HttpResponse<String> refused = client.ask(nexus, key.secret());

        assertThat(client.error(refused, 429)).contains("concurrent requests");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(acme.chats()).hasSize(before);
        release.countDown();
        try (InputStream body = open.body()) {
            body.readAllBytes();
        }
        awaitServed(client, key);
    }

    @Test
    void aClientThatHangsUpMidStreamFreesItsSlot() throws IOException {
        CreatedKey key = CreatedKey.create(nexus, "hang-up", "--concurrency", "1");
        CountDownLatch release = new CountDownLatch(1);
        acme.enqueue(CompatReply.builder().text("held ", "answer").holdBeforeFinish(release).build());
        HttpResponse<InputStream> open = PolicyClient.OPENAI.stream(nexus, key.secret());
        assertThat(open.statusCode()).isEqualTo(200);
        open.body().read();
        open.body().close();
        release.countDown();

        awaitServed(PolicyClient.OPENAI, key);
    }

    @ParameterizedTest
    @EnumSource(PolicyClient.class)
    void anExpiredKeyIs401(PolicyClient client) {
        CreatedKey key = CreatedKey.create(nexus, "temp", "--expires-in", "90s");
        assertThat(client.ask(nexus, key.secret()).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(90));
        int before = acme.chats().size();

        String message = client.error(client.ask(nexus, key.secret()), 401);

        assertThat(message).contains("'temp'").contains("expired at 2027-01-01T00:00:30Z");
        assertThat(acme.chats()).hasSize(before);
    }

    @ParameterizedTest
    @EnumSource(PolicyClient.class)
    void aDisabledKeyIs401UntilEnabledAgain(PolicyClient client) {
        CreatedKey key = CreatedKey.create(nexus, "paused", "--disable");

        assertThat(client.error(client.ask(nexus, key.secret()), 401)).contains("'paused'").contains("disabled");
        assertThat(acme.chats()).isEmpty();
        assertThat(nexus.cli("keys", "update", key.id(), "--enable").code()).isZero();
        awaitServed(client, key);
    }

    @Test
    void theEnvironmentKeyAndKeysWithoutLimitsAreNotLimited() {
        CreatedKey plain = CreatedKey.create(nexus, "plain");
        for (int i = 0; i < 5; i++) {
            assertThat(PolicyClient.OPENAI.ask(nexus, plain.secret()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void usedTokensSurviveARestart() {
        CreatedKey key = CreatedKey.create(nexus, "persisted", "--daily-tokens", Long.toString(TOKENS_PER_ANSWER + 1));
        assertThat(PolicyClient.OPENAI.ask(nexus, key.secret()).statusCode()).isEqualTo(200);
        nexus.stop();
        nexus.start();
        assertThat(PolicyClient.OPENAI.ask(nexus, key.secret()).statusCode()).as("14 of 15 used before the restart").isEqualTo(200);

        assertThat(PolicyClient.OPENAI.error(awaitRefused(PolicyClient.OPENAI, key), 429)).contains("used 28 tokens");
    }
}
