package dev.nexus.cli;

import java.io.Console;
import java.lang.reflect.InvocationTargetException;

/**
 * Whether standard output is a terminal: a person reads it there, while redirected output (a service manager's journal,
 * a container log, a file) is kept, shipped and shared, so a secret may be shown only on a terminal.
 *
 * <p>How it is known: the {@code nexus} launcher asks the shell ({@code [ -t 1 ]}, standard output alone) and passes
 * the answer as {@value #PROPERTY}. Without it ({@code java -jar}), the JVM's console decides: on JDK 21 and on 25+ there
 * is one only when standard input and output are both terminals; JDK 22–24 make one even for redirected output, but
 * say the truth through {@code Console.isTerminal()} (JDK 22+, so called by reflection in a build for 21). Both err
 * towards "not a terminal", which keeps the secret out of the output.
 */
final class StandardOutput {
    /** {@code true} or {@code false}, set by the launcher. */
    static final String PROPERTY = "nexus.stdout.terminal";

    private StandardOutput() {}

    static boolean isTerminal() {
        String told = System.getProperty(PROPERTY, "");
        if (told.equals("true") || told.equals("false")) {
            return Boolean.parseBoolean(told);
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException jdk21) {
            return true; // before JDK 22 a console exists only on a terminal
        } catch (IllegalAccessException | InvocationTargetException e) {
            return false;
        }
    }
}
