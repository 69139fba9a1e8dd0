package dev.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.Reply;
import dev.nexus.testing.NexusHarness;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the server (what SIGTERM does) lets a stream in flight finish and refuses new connections. */
class GracefulShutdownTest {
    @TempDir
    Path dir;

    @Test
    void aStreamInFlightFinishesWhileTheServerStops() throws Exception {
        try (FakeGoogle google = FakeGoogle.start();
                NexusHarness nexus = new NexusHarness(dir).env("NEXUS_API_KEY", "sk-shutdown-test-1")
                        .usingGoogle(google)) {
            google.addAccount("a@example.com", "proj-a");
            assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account("a@example.com").refreshToken(),
                    "--email", "a@example.com", "--project", "proj-a").code()).isZero();
            nexus.start();
            int port = Integer.parseInt(nexus.baseUrl().substring(nexus.baseUrl().lastIndexOf(':') + 1));
            CountDownLatch release = new CountDownLatch(1);
            google.script().enqueue(Reply.builder().text("first ", "second ", "third").holdAfter(1, release).build());

            HttpRequest.Builder request = nexus.request("/v1/chat/completions")
                    .header("Authorization", "Bearer sk-shutdown-test-1").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"gemini-3-flash\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}"));
            CompletableFuture<String> body = CompletableFuture.supplyAsync(() -> nexus.send(request).body());
            NexusHarness.awaitTrue(Duration.ofSeconds(10), () -> google.openStreams() == 1);

            Thread stopper = Thread.ofVirtual().start(nexus::stop);
            NexusHarness.awaitTrue(Duration.ofSeconds(10), () -> refuses(port));
            release.countDown();

            String sse = body.get(20, TimeUnit.SECONDS);
            String text = sse.lines().filter(l -> l.startsWith("data: {")).map(l -> NexusHarness.json(l.substring(6)))
                    .map(chunk -> chunk.at("/choices/0/delta/content").asText(""))
                    .collect(Collectors.joining());
            assertThat(text).isEqualTo("first second third");
            assertThat(sse).contains("data: [DONE]");
            assertThat(stopper.join(Duration.ofSeconds(15))).as("stop returns once the stream is done").isTrue();
        }
    }

    private static boolean refuses(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
