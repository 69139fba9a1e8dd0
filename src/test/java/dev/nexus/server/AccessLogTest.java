package dev.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.nexus.testing.NexusHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The access log: one line a request with method, path (never the query), status, time and request id. */
class AccessLogTest {
    @TempDir
    Path dir;
    private NexusHarness nexus;
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger access = (Logger) LoggerFactory.getLogger("nexus.access");

    @BeforeEach
    void listen() {
        lines.start();
        access.addAppender(lines);
    }

    @AfterEach
    void stop() {
        access.detachAppender(lines);
        if (nexus != null) {
            nexus.close();
        }
    }

    @Test
    void aLineNamesTheRequestWithoutItsQuery() throws Exception {
        nexus = new NexusHarness(dir).start();
        nexus.get("/v1/models?key=sk-secret-in-the-query");
        String line = awaitLine("/v1/models");
        assertThat(line).matches("GET /v1/models \\d{3} \\d+ms req_[0-9a-f]{32}").doesNotContain("sk-secret");
    }

    private String awaitLine(String path) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            List<ILoggingEvent> logged;
            synchronized (lines) { // the appender adds under this lock, after the answer is out
                logged = List.copyOf(lines.list);
            }
            List<String> found = logged.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains(path)).toList();
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no access log line for " + path + " in " + lines.list);
    }
}
