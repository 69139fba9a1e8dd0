package dev.nexus.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Nexus's Logback configuration, made in code: every line goes to standard error through {@link StderrLines} in the
 * {@link LineLayout} format (standard output stays for a command's own output, e.g. {@code keys create --json}),
 * Nexus's loggers at {@code NEXUS_LOG_LEVEL} (default INFO), the chattier libraries at WARN.
 *
 * <p>Logback finds this class as a service ({@code META-INF/services/ch.qos.logback.classic.spi.Configurator}) before
 * it looks for a {@code logback.xml}. Reading such a file took Logback's XML configuration framework and the JDK's XML
 * parser — about 400 classes, and a share of every start's time. A file named with {@code -Dlogback.configurationFile}
 * still wins: then this configurator steps aside and Logback reads that file.
 */
public final class LogConfiguration extends ContextAwareBase implements Configurator {
    /** The levels of the libraries whose INFO lines say nothing an operator needs. */
    static final Map<String, Level> QUIET = Map.of("org.flywaydb", Level.WARN, "com.zaxxer.hikari", Level.WARN,
            "io.helidon", Level.WARN, "org.jdbi", Level.WARN);
    /** The loggers {@code NEXUS_LOG_LEVEL} sets: Nexus's own and its access log. */
    static final String[] NEXUS = {"dev.nexus", "nexus.access"};

    private final Function<String, String> variables;

    /** For Logback's service loader: variables are system properties, then the environment (as in {@code ${…}}). */
    public LogConfiguration() {
        this(name -> Optional.ofNullable(System.getProperty(name)).orElseGet(() -> System.getenv(name)));
    }

    LogConfiguration(Function<String, String> variables) {
        this.variables = variables;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (variables.apply("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LineLayout layout = new LineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        StderrLines stderr = new StderrLines();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setEncoder(encoder);
        stderr.start();

        QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));
        Level nexus = level(Optional.ofNullable(variables.apply("NEXUS_LOG_LEVEL")).orElse("INFO"));
        for (String name : NEXUS) {
            context.getLogger(name).setLevel(nexus);
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * As Logback reads a logger's {@code level} attribute: blank, INHERITED or NULL inherit the root's level, an unknown
     * name is DEBUG.
     */
    static Level level(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        return upper.isEmpty() || upper.equals("INHERITED") || upper.equals("NULL") ? null : Level.toLevel(upper);
    }
}
