package dev.nexus.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The configuration made in code: levels, the one appender and its format, and a Logback file that replaces it. */
class LogConfigurationTest {
    private final LoggerContext context = new LoggerContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void nexusLogsAtItsLevelTheLibrariesAtWarnAndEverythingThroughOneStderrAppender() {
        assertThat(new LogConfiguration(Map.of("NEXUS_LOG_LEVEL", "debug")::get).configure(context))
                .isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger("dev.nexus.cli.ServeCommand").getEffectiveLevel()).isEqualTo(Level.DEBUG);
        assertThat(context.getLogger("nexus.access").getEffectiveLevel()).isEqualTo(Level.DEBUG);
        for (String library : List.of("org.flywaydb.core.Flyway", "com.zaxxer.hikari.HikariDataSource",
                "io.helidon.webserver.LoomServer", "org.jdbi.v3.core.Jdbi")) {
            assertThat(context.getLogger(library).getEffectiveLevel()).as(library).isEqualTo(Level.WARN);
        }
        assertThat(context.getLogger("com.example.Other").getEffectiveLevel()).isEqualTo(Level.INFO);

        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining(appenders::add);
        assertThat(appenders).singleElement().isInstanceOf(StderrLines.class)
                .satisfies(appender -> assertThat(appender.isStarted()).isTrue());
        assertThat(context.getStatusManager().getCount()).as("Logback's status messages").isZero();
    }

    @Test
    void withoutNexusLogLevelNexusLogsAtInfoAndABlankLevelInheritsIt() {
        new LogConfiguration(Map.<String, String>of()::get).configure(context);
        assertThat(context.getLogger("dev.nexus").getLevel()).isEqualTo(Level.INFO);
        LoggerContext blank = new LoggerContext();
        new LogConfiguration(Map.of("NEXUS_LOG_LEVEL", " ")::get).configure(blank);
        assertThat(blank.getLogger("dev.nexus").getLevel()).isNull();
        assertThat(blank.getLogger("dev.nexus").getEffectiveLevel()).isEqualTo(Level.INFO);
        blank.stop();
        assertThat(LogConfiguration.level("inherited")).isNull();
        assertThat(LogConfiguration.level("no-such-level")).isEqualTo(Level.DEBUG);
        assertThat(LogConfiguration.level("warn")).isEqualTo(Level.WARN);
    }

    @Test
    void aLogbackFileNamedOnTheCommandLineReplacesIt() {
        assertThat(new LogConfiguration(Map.of("logback.configurationFile", "/etc/nexus/logback.xml")::get).configure(context))
                .isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }

    @Test
    void theProcessIsConfiguredByItAsAService() {
        LoggerContext process = (LoggerContext) LoggerFactory.getILoggerFactory();
        Appender<ILoggingEvent> stderr = process.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        assertThat(stderr).isInstanceOf(StderrLines.class);
        assertThat(process.getLogger("io.helidon").getLevel()).isEqualTo(Level.WARN);
    }
}
