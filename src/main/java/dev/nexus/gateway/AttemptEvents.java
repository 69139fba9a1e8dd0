package dev.nexus.gateway;

import java.util.Locale;

/**
 * What the {@link Failover} loop tells an observer (the metrics) about each upstream call it makes. Called on the
 * request's thread: an implementation must be cheap and must never throw or block.
 */
public interface AttemptEvents {
    /** Tells nothing to nobody: for tests and tools that build a gateway without metrics. */
    AttemptEvents NONE = new AttemptEvents() {
        @Override
        public void attempted(String provider, AttemptOutcome outcome) {}

        @Override
        public void failedOver(String provider) {}
    };

    /** One call with one credential ended this way. */
    void attempted(String provider, AttemptOutcome outcome);

    /** A credential failed and another one (of this model, or of a later hop of the route) is tried now. */
    void failedOver(String provider);

    /** How one upstream call ended, as the failover loop judged it; a closed set, so a metric label stays small. */
    enum AttemptOutcome {
        /** The credential answered in full. */
        SERVED,
        /** 429: the (credential, model) rests. */
        RATE_LIMITED,
        /** The credential was taken out of service (verification, suspension). */
        UNUSABLE,
        /** A failure another credential may not have (5xx, a refused token after renewal…). */
        RETRYABLE,
        /** The token was refused even after a renewal. */
        AUTH_EXPIRED,
        /** The request itself is wrong (400, unknown model): nothing else is tried. */
        FATAL,
        /** The answer broke off after it had started. */
        BROKEN,
        /** No token could be had for the credential (refresh refused or unreachable). */
        NO_TOKEN;

        private final String wireName = name().toLowerCase(Locale.ROOT);

        public String wireName() {
            return wireName;
        }
    }
}
