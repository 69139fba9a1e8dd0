package dev.nexus.chat;

/**
 * An opaque reasoning signature (Gemini {@code thoughtSignature}, Anthropic thinking {@code signature}) with the
 * upstream that issued it. A signature is replayed only to its origin; anywhere else it is dropped, because
 * upstreams reject signatures they did not issue.
 *
 * @param origin who issued it, as the issuing provider names itself (e.g. {@code "cloudcode"}, {@code "gemini"},
 *     {@code "anthropic"}); compare with {@link #issuedBy}
 */
public record Signature(String value, String origin) {
    public boolean issuedBy(String upstream) {
        return origin.equals(upstream);
    }
}
