package dev.nexus.store;

/**
 * One notice from the database's change feed (PostgreSQL {@code LISTEN}): what changed, which instance changed it,
 * and what the topic needs to know (e.g. the ids of new request records).
 *
 * @param topic a revision name ({@code accounts}, {@code client_keys}, {@code model_routes}, {@code settings},
 *     {@code cooldowns}), {@code sticky} or {@code request_log}
 * @param origin the {@link Database#origin()} of the writer, {@code -} when it does not matter
 * @param detail empty unless the topic carries one
 */
public record Change(String topic, String origin, String detail) {
    public static final String STICKY = "sticky";
    public static final String REQUEST_LOG = "request_log";

    static String payload(String topic, String origin, String detail) {
        return topic + ' ' + origin + ' ' + detail;
    }

    /** The notice in a payload {@link #payload} made; a bare topic has origin {@code -}. */
    static Change parse(String payload) {
        int first = payload.indexOf(' ');
        if (first < 0) {
            return new Change(payload, "-", "");
        }
        int second = payload.indexOf(' ', first + 1);
        return second < 0 ? new Change(payload.substring(0, first), payload.substring(first + 1), "")
                : new Change(payload.substring(0, first), payload.substring(first + 1, second), payload.substring(second + 1));
    }

    /** Whether another instance (not the one with this origin) sent it. */
    public boolean from(String otherThan) {
        return !origin.equals(otherThan);
    }
}
