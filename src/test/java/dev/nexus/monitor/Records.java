package dev.nexus.monitor;

import java.time.Instant;

/** Small request records for tests. */
final class Records {
    private Records() {}

    static RequestRecord record(String id, Instant startedAt) {
        return record(id, startedAt, 200);
    }

    static RequestRecord record(String id, Instant startedAt, int status) {
        return new RequestRecord(id, startedAt, "req_" + id, "POST", "/v1/chat/completions", "openai.chat", status, 120, 40L,
                "gpt-4o", "google", "gemini-3-flash", "acc-1", "a***e@e***.com", "env", "NEXUS_API_KEY", 10L, 5L,
                "google/gemini-3-flash@acc-1", status >= 400 ? "failed" : null, null, null);
    }
}
