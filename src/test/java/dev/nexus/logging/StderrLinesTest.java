package dev.nexus.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Duration;
import dev.nexus.testing.NexusHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StderrLinesTest {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final AtomicInteger writes = new AtomicInteger();
    private final LoggerContext context = new LoggerContext();
    private StderrLines appender;

    @BeforeEach
    void capture() {
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                throw new AssertionError("lines are written whole, never byte by byte");
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (captured) {
                    writes.incrementAndGet();
                    captured.write(b, off, len);
                }
            }
        }, true, StandardCharsets.UTF_8));
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        appender = new StderrLines();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.start();
    }

    @AfterEach
    void restore() {
        System.setErr(original);
    }

    private void log(String message) {
        LoggingEvent event = new LoggingEvent();
        event.setLevel(Level.INFO);
        event.setMessage(message);
        event.setLoggerName("test");
        event.setTimeStamp(System.currentTimeMillis());
        appender.doAppend(event);
    }

    private String written() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aLineReachesStderrWithinTheGatheringTimeWithoutAnotherLine() {
        log("one");
        NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> written().equals("one\n"));
        log("two");
        NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> written().equals("one\ntwo\n"));
    }

    @Test
    void atExitWhatIsQueuedIsWrittenAndLaterLinesAreWrittenAtOnce() {
        for (int i = 0; i < 100; i++) {
            log("queued " + i);
        }
        appender.writeDirectly();
        assertThat(written().split("\n")).hasSize(100).startsWith("queued 0").endsWith("queued 99");
        int before = writes.get();
        log("late");
        assertThat(written()).endsWith("queued 99\nlate\n");
        assertThat(writes.get()).isEqualTo(before + 1);
    }

    @Test
    void linesOfManyThreadsArriveWholeAndNoneIsLost() throws InterruptedException {
        int threads = 8;
        int each = 2_000;
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            started.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) {
                    log("thread " + thread + " line " + i + " " + "x".repeat(i % 50));
                }
            }));
        }
        for (Thread thread : started) {
            thread.join();
        }
        appender.writeDirectly();
        String[] lines = written().split("\n");
        assertThat(lines).hasSize(threads * each);
        Set<String> seen = new HashSet<>();
        for (String line : lines) {
            assertThat(line).matches("thread \\d line \\d+ x*");
            seen.add(line);
        }
        assertThat(seen).hasSize(threads * each);
    }
}
