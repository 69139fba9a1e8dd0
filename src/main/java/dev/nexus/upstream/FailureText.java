package dev.nexus.upstream;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * A transport failure in words a client can read: the library's own message where it has one, never a Java class
 * name (they mean nothing to a client, and {@code Throwable.toString()} puts them in front of every wrapped message).
 */
public final class FailureText {
    /** {@code java.net.SocketException: } or {@code io.helidon.common.buffers.DataReader$InsufficientData…: } prefixes. */
    private static final Pattern CLASS_PREFIX = Pattern.compile("^(?:[a-z_][\\w]*\\.)+[A-Z][\\w$]*(?::\\s*|$)");

    private FailureText() {}

    public static String of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = withoutClassNames(t.getMessage());
            if (!message.isEmpty()) {
                return prefix(t) + message;
            }
        }
        return meaning(failure);
    }

    private static String prefix(Throwable t) {
        return t instanceof UnknownHostException ? "unknown host " : "";
    }

    static String withoutClassNames(String message) {
        if (message == null) {
            return "";
        }
        String text = message.strip();
        String stripped = CLASS_PREFIX.matcher(text).replaceFirst("");
        while (!stripped.equals(text)) {
            text = stripped;
            stripped = CLASS_PREFIX.matcher(text).replaceFirst("");
        }
        return text;
    }

    /** What a failure without a message means, judged by its kind. */
    private static String meaning(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to the host";
            }
            if (t instanceof SSLException) {
                return "the TLS handshake failed";
            }
            if (t instanceof EOFException || t.getClass().getSimpleName().contains("InsufficientData")) {
                return "the connection closed before the answer was complete";
            }
            if (t instanceof SocketException) {
                return "the connection failed";
            }
        }
        return "the connection failed";
    }
}
