package dev.nexus.monitor;

import java.util.Optional;

/** The {@code status=} filter of the history: a status class, or {@code error} (4xx/5xx, or failed mid-answer). */
public enum StatusClass {
    SUCCESS("2xx"),
    CLIENT_ERROR("4xx"),
    SERVER_ERROR("5xx"),
    ERROR("error");

    private final String wireName;

    StatusClass(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<StatusClass> parse(String text) {
        for (StatusClass s : values()) {
            if (s.wireName.equalsIgnoreCase(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
