package dev.nexus.monitor;

import java.time.Instant;

/**
 * A position in the history, newest first: the next page holds records that started before {@code startedAt}, or at
 * the same millisecond with a smaller id. Written as {@code <epoch millis>.<id>}.
 */
public record Cursor(Instant startedAt, String id) {
    public static Cursor after(RequestRecord last) {
        return new Cursor(last.startedAt(), last.id());
    }

    public String encode() {
        return startedAt.toEpochMilli() + "." + id;
    }

    /** @throws IllegalArgumentException naming the cursor when it is not one this server wrote */
    public static Cursor parse(String text) {
        int dot = text.indexOf('.');
        if (dot > 0 && dot < text.length() - 1) {
            try {
                return new Cursor(Instant.ofEpochMilli(Long.parseLong(text.substring(0, dot))), text.substring(dot + 1));
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw new IllegalArgumentException("invalid cursor '" + (text.length() > 60 ? text.substring(0, 60) + "…" : text)
                + "': pass the next_cursor of the previous page as it came");
    }
}
