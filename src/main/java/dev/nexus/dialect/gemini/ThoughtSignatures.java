package dev.nexus.dialect.gemini;

import dev.nexus.chat.Signature;
import dev.nexus.dialect.SignatureLabel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A GenAI client's {@code thoughtSignature}s, when the answer came from an upstream other than Google (the canonical
 * path: Codex, OpenAI-compatible, Anthropic). The field is bytes on the wire (base64 in JSON: the official SDKs decode
 * it), so the signature's {@link SignatureLabel} is sent base64-encoded, and the client's replay brings the origin back.
 * A signature that is no such label (Google's own, or anything a client made up) gets origin {@value #CLIENT}, which
 * no upstream issues, so it is never replayed.
 */
final class ThoughtSignatures {
    static final String CLIENT = "client";
    /** {@code "nx1."} in base64: every label starts with it, so other signatures are told apart without decoding. */
    private static final String LABEL_START = Base64.getEncoder().encodeToString("nx1".getBytes(StandardCharsets.US_ASCII));

    private ThoughtSignatures() {}

    /** The {@code thoughtSignature} to give a GenAI client; empty when there is nothing (or nothing honest) to give. */
    static Optional<String> wrap(Signature signature) {
        return SignatureLabel.write(signature)
                .map(label -> Base64.getEncoder().encodeToString(label.getBytes(StandardCharsets.UTF_8)));
    }

    /** The signature a client sent back: its origin recovered from a label, else {@value #CLIENT}. */
    static Signature unwrap(String sent) {
        if (sent.startsWith(LABEL_START)) {
            try {
                String label = new String(Base64.getDecoder().decode(sent), StandardCharsets.UTF_8);
                Optional<Signature> read = SignatureLabel.read(label);
                if (read.isPresent()) {
                    return read.get();
                }
            } catch (IllegalArgumentException notBase64) {
                // not a label: treated as the client's own below
            }
        }
        return new Signature(sent, CLIENT);
    }
}
