package dev.nexus.monitor;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The message of an error answer: the first JSON {@code "message"} of its body, else its text, shortened. */
final class ErrorText {
    private static final int MAX = 500;
    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private ErrorText() {}

    static String of(String body) {
        Matcher m = MESSAGE.matcher(body);
        String text = m.find() ? unescape(m.group(1)) : body.strip();
        if (text.isEmpty()) {
            return null;
        }
        return text.length() > MAX ? text.substring(0, MAX) + "…" : text;
    }

    private static String unescape(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c != '\\' || i + 1 == json.length()) {
                out.append(c);
                continue;
            }
            char next = json.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'u' -> {
                    if (i + 4 < json.length()) {
                        try {
                            out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                            i += 4;
                        } catch (NumberFormatException e) {
                            out.append("\\u");
                        }
                    } else {
                        out.append("\\u");
                    }
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
