package dev.nexus.monitor;

/**
 * A finished request waiting for the writer: its record (without bodies) and, when body logging was on, the raw
 * captures that {@link #complete()} turns into redacted, capped bodies.
 */
record Pending(RequestRecord record, BodyCapture request, BodyCapture response) {
    static Pending of(RequestRecord record) {
        return new Pending(record, null, null);
    }

    /** Bytes held by the captures, to bound what waits in memory. */
    long bodyBytes() {
        return (request == null ? 0 : request.size()) + (response == null ? 0 : response.size());
    }

    Pending withoutBodies() {
        return request == null && response == null ? this : of(record);
    }

    /** The record as stored: bodies redacted and capped; null bodies when none were captured. */
    RequestRecord complete() {
        if (request == null && response == null) {
            return record;
        }
        return record.withBodies(body(request), body(response));
    }

    private static String body(BodyCapture capture) {
        if (capture == null) {
            return null;
        }
        return Redaction.body(capture.text(), capture.complete(), capture.seen());
    }
}
