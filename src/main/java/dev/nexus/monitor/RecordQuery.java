package dev.nexus.monitor;

import java.util.Optional;

/**
 * A history search. Absent filters match everything.
 *
 * @param text matches (case-insensitively, as a substring) path, client and target model, account, key name, error and
 *     request id
 * @param surface a {@link Surface} wire name
 * @param model the client or the target model
 * @param account the account's masked label or its id
 * @param key the client key's name or id
 * @param before where the previous page ended
 * @param limit the most records to return
 */
public record RecordQuery(
        Optional<String> text,
        Optional<StatusClass> status,
        Optional<String> surface,
        Optional<String> model,
        Optional<String> account,
        Optional<String> key,
        Optional<Cursor> before,
        int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public static RecordQuery newest(int limit) {
        return new RecordQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), limit);
    }

    public RecordQuery withLimit(int newLimit) {
        return new RecordQuery(text, status, surface, model, account, key, before, newLimit);
    }

    public RecordQuery before(Cursor cursor) {
        return new RecordQuery(text, status, surface, model, account, key, Optional.of(cursor), limit);
    }
}
