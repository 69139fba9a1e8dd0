package dev.nexus.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hand-written line is the pattern's line, character for character. */
class LineLayoutTest {
    private final LoggerContext context = new LoggerContext();
    private final LineLayout lines = new LineLayout();
    private final PatternLayout pattern = new PatternLayout();

    @BeforeEach
    void start() {
        lines.setContext(context);
        lines.start();
        pattern.setContext(context);
        pattern.setPattern(LineLayout.PATTERN);
        pattern.start();
    }

    @AfterEach
    void stop() {
        lines.stop();
        pattern.stop();
    }

    @Test
    void everyLevelLoggerAndMomentLooksAsThePatternWritesIt() {
        List<String> loggers = List.of("nexus.access", "dev.nexus.cli.ServeCommand", "dev.nexus.provider.openaicompat.OpenAiCompatProvider",
                "io.helidon.webserver.LoomServer", "x", "a.very.long.package.name.that.needs.much.abbreviation.Leaf");
        long[] moments = {0L, 1_796_587_707_001L, 1_796_587_707_999L, 1_796_587_708_050L, 1_700_000_000_123L, -1L};
        for (String name : loggers) {
            Logger logger = context.getLogger(name);
            for (Level level : List.of(Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR)) {
                for (long at : moments) {
                    LoggingEvent event = new LoggingEvent(Logger.FQCN, logger, level, "POST {} {} {}ms ünïcode",
                            null, new Object[] {"/v1/chat/completions", 200, 3});
                    event.setTimeStamp(at);
                    assertThat(lines.doLayout(event)).isEqualTo(pattern.doLayout(event));
                }
            }
        }
    }

    @Test
    void aLineWithAStackTraceIsThePatternsToo() {
        LoggingEvent event = new LoggingEvent(Logger.FQCN, context.getLogger("dev.nexus.server.NexusServer"), Level.ERROR,
                "request failed", new IllegalStateException("boom"), null);
        String line = lines.doLayout(event);
        assertThat(line).isEqualTo(pattern.doLayout(event)).contains("IllegalStateException: boom").contains("\tat ");
    }
}
