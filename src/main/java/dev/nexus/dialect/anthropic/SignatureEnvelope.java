package dev.nexus.dialect.anthropic;

import dev.nexus.chat.Signature;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a signature's origin survives a trip through an Anthropic client. Anthropic thinking blocks carry one opaque
 * {@code signature} string and clients (Claude Code) replay it verbatim, so Nexus writes the origin into the string:
 *
 * <pre>
 *   nx1.&lt;origin&gt;.&lt;value&gt;     e.g. nx1.cloudcode/gemini.CiQBjz1rX…
 * </pre>
 *
 * <ul>
 *   <li>{@code nx1} is the scheme's version; {@code <origin>} is {@link Signature#origin()} (letters, digits,
 *       {@code _ - /}; never a dot); {@code <value>} is the upstream's signature, unchanged, up to the end.
 *   <li>Signatures issued by Anthropic itself (origin {@code anthropic}) are written unchanged, so a conversation
 *       can move to api.anthropic.com and still verify.
 *   <li>Reading: {@code nx1.<origin>.<value>} gives {@code Signature(value, origin)}; any other non-empty string is
 *       Anthropic's (origin {@code anthropic}: it is never replayed to Google); an empty or absent signature is no
 *       signature.
 *   <li>A signature whose origin cannot be spelled in the envelope (empty, or with a dot) is withheld rather than
 *       mislabelled as Anthropic's. The gateway's origins never hit this.
 * </ul>
 *
 * The envelope is a label, not a seal: a client can write any origin, but it only ever replays its own bytes to an
 * upstream that verifies them anyway.
 */
final class SignatureEnvelope {
    static final String ANTHROPIC = "anthropic";
    static final String PREFIX = "nx1.";
    private static final Pattern ORIGIN = Pattern.compile("[A-Za-z0-9_/-]+");

    private SignatureEnvelope() {}

    /** The string to give an Anthropic client; empty when there is nothing (or nothing honest) to give. */
    static Optional<String> wrap(Signature signature) {
        if (signature.value().isEmpty()) {
            return Optional.empty();
        }
        if (signature.issuedBy(ANTHROPIC)) {
            return Optional.of(signature.value());
        }
        if (!ORIGIN.matcher(signature.origin()).matches()) {
            return Optional.empty();
        }
        return Optional.of(PREFIX + signature.origin() + "." + signature.value());
    }

    /** The signature a client sent, with its origin recovered; empty for an empty string. */
    static Optional<Signature> unwrap(String sent) {
        if (sent.isEmpty()) {
            return Optional.empty();
        }
        if (sent.startsWith(PREFIX)) {
            int dot = sent.indexOf('.', PREFIX.length());
            if (dot > PREFIX.length() && dot < sent.length() - 1) {
                String origin = sent.substring(PREFIX.length(), dot);
                if (ORIGIN.matcher(origin).matches()) {
                    return Optional.of(new Signature(sent.substring(dot + 1), origin));
                }
            }
        }
        return Optional.of(new Signature(sent, ANTHROPIC));
    }
}
