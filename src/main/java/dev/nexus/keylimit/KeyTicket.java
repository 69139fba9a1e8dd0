package dev.nexus.keylimit;

import dev.nexus.chat.UpstreamError;
import java.util.Optional;

/**
 * One request's standing with its client key's policy: admitted (or refused) once the client's model is known, told the
 * tokens it used as they are reported, and closed when the request ends, however it ends — which gives back its
 * concurrent slot and counts its tokens.
 */
public sealed interface KeyTicket permits KeyTicket.Unlimited, KeyGate.Counted {
    /** For NEXUS_API_KEY, the self-test key and requests without a key: nothing limited, nothing counted. */
    KeyTicket UNLIMITED = new Unlimited();

    /** Empty when the request may go upstream; else the refusal to answer in the client's dialect. Once per request. */
    Optional<UpstreamError> admit(String clientModel);

    /** The request's token use so far (each report replaces the one before, as usage events are running totals). */
    void usage(long inputTokens, long outputTokens);

    /** Ends the request: gives back its slot and counts its tokens. Later calls do nothing. */
    void close();

    record Unlimited() implements KeyTicket {
        @Override
        public Optional<UpstreamError> admit(String clientModel) {
            return Optional.empty();
        }

        @Override
        public void usage(long inputTokens, long outputTokens) {}

        @Override
        public void close() {}
    }
}
