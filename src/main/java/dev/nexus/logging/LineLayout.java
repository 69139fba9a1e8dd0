package dev.nexus.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nexus's log line, {@value #PATTERN} in Logback's pattern language, written without the pattern machinery: every
 * request logs one access line, and Logback's general converters (a date formatter, a padding step, a logger-name
 * abbreviator and a string builder per converter) cost several times what the line itself does. The output is the
 * same as {@link PatternLayout} with {@link #PATTERN} gives (LineLayoutTest compares them); a line with a stack trace
 * is left to that pattern layout, since stack traces are rare and their format is Logback's own.
 */
public final class LineLayout extends LayoutBase<ILoggingEvent> {
    public static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXX} %-5level %logger{24} - %msg%n";

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("XX");

    private final ZoneId zone = ZoneId.systemDefault();
    private final TargetLengthBasedClassNameAbbreviator abbreviator = new TargetLengthBasedClassNameAbbreviator(24);
    /** Logger names are few and fixed; each is abbreviated once. */
    private final Map<String, String> shortNames = new ConcurrentHashMap<>();
    /**
     * Made for the first line with a stack trace: a pattern layout loads and parses Logback's pattern converters (about
     * 80 classes), which a server that logs no stack trace never needs, least of all on its way to ready.
     */
    private PatternLayout withStackTrace; // guarded by this
    /** The date and time up to the second, and the zone offset, of the last second a line was written in. */
    private volatile Second second = new Second(Long.MIN_VALUE, "", "");

    private record Second(long epochSecond, String head, String offset) {}

    @Override
    public void stop() {
        synchronized (this) {
            if (withStackTrace != null) {
                withStackTrace.stop();
            }
        }
        super.stop();
    }

    private synchronized PatternLayout withStackTrace() {
        if (withStackTrace == null) {
            withStackTrace = new PatternLayout();
            withStackTrace.setContext(getContext());
            withStackTrace.setPattern(PATTERN);
            withStackTrace.start();
        }
        return withStackTrace;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        if (event.getThrowableProxy() != null) {
            return withStackTrace().doLayout(event);
        }
        long millis = event.getTimeStamp();
        String level = event.getLevel().toString();
        String message = event.getFormattedMessage();
        StringBuilder line = new StringBuilder(64 + message.length());
        Second at = second(Math.floorDiv(millis, 1000L));
        int ms = (int) Math.floorMod(millis, 1000L);
        line.append(at.head()).append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10))
                .append((char) ('0' + ms % 10)).append(at.offset()).append(' ').append(level);
        for (int pad = level.length(); pad < 5; pad++) {
            line.append(' ');
        }
        line.append(' ').append(shortNames.computeIfAbsent(event.getLoggerName(), abbreviator::abbreviate))
                .append(" - ").append(message).append(System.lineSeparator());
        return line.toString();
    }

    private Second second(long epochSecond) {
        Second at = second;
        if (at.epochSecond() != epochSecond) {
            var time = Instant.ofEpochSecond(epochSecond).atZone(zone);
            at = new Second(epochSecond, SECOND.format(time), OFFSET.format(time));
            second = at;
        }
        return at;
    }
}
