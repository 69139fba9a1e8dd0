package dev.nexus.dialect.anthropic;

import dev.nexus.chat.Signature;
import dev.nexus.dialect.SignatureLabel;
import java.util.Optional;

/**
 * How a signature's origin survives a trip through an Anthropic client. Anthropic thinking blocks carry one opaque
 * {@code signature} string and clients (Claude Code) replay it verbatim, so Nexus writes the origin into the string
 * as a {@link SignatureLabel} ({@code nx1.<origin>.<value>}, e.g. {@code nx1.cloudcode/gemini.CiQBjz1rX…}).
 *
 * <ul>
 *   <li>Signatures issued by Anthropic itself (origin {@code anthropic}) are written unchanged, so a conversation
 *       can move to api.anthropic.com and still verify.
 *   <li>Reading: a label gives its signature; any other non-empty string is Anthropic's (origin {@code anthropic}: it
 *       is never replayed to Google); an empty or absent signature is no signature.
 *   <li>A signature whose origin the label cannot spell (empty, or with a dot) is withheld rather than mislabelled as
 *       Anthropic's. The gateway's origins never hit this.
 * </ul>
 */
final class SignatureEnvelope {
    static final String ANTHROPIC = "anthropic";

    private SignatureEnvelope() {}

    /** The string to give an Anthropic client; empty when there is nothing (or nothing honest) to give. */
    static Optional<String> wrap(Signature signature) {
        if (signature.value().isEmpty()) {
            return Optional.empty();
        }
        return signature.issuedBy(ANTHROPIC) ? Optional.of(signature.value()) : SignatureLabel.write(signature);
    }

    /** The signature a client sent, with its origin recovered; empty for an empty string. */
    static Optional<Signature> unwrap(String sent) {
        if (sent.isEmpty()) {
            return Optional.empty();
        }
        return SignatureLabel.read(sent).or(() -> Optional.of(new Signature(sent, ANTHROPIC)));
    }
}
