package dev.nexus.dialect;

import dev.nexus.chat.Signature;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a signature's origin survives a trip through a client that keeps one opaque string per signature and replays it
 * verbatim (Anthropic {@code signature}, GenAI {@code thoughtSignature}): the origin is written into the string.
 *
 * <pre>
 *   nx1.&lt;origin&gt;.&lt;value&gt;     e.g. nx1.codex.gAAAAABo…
 * </pre>
 *
 * {@code nx1} is the scheme's version; {@code <origin>} is {@link Signature#origin()} (letters, digits, {@code _ - /};
 * never a dot); {@code <value>} is the upstream's signature, unchanged, up to the end. The label is not a seal: a
 * client can write any origin, but it only ever replays its own bytes to an upstream that verifies them anyway.
 */
public final class SignatureLabel {
    static final String PREFIX = "nx1.";
    private static final Pattern ORIGIN = Pattern.compile("[A-Za-z0-9_/-]+");

    private SignatureLabel() {}

    /** The labelled string; empty for an empty signature or an origin the label cannot spell (then it is withheld). */
    public static Optional<String> write(Signature signature) {
        if (signature.value().isEmpty() || !ORIGIN.matcher(signature.origin()).matches()) {
            return Optional.empty();
        }
        return Optional.of(PREFIX + signature.origin() + "." + signature.value());
    }

    /** The signature a labelled string carries; empty when the string is not a well-formed label. */
    public static Optional<Signature> read(String sent) {
        if (!sent.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int dot = sent.indexOf('.', PREFIX.length());
        if (dot <= PREFIX.length() || dot >= sent.length() - 1) {
            return Optional.empty();
        }
        String origin = sent.substring(PREFIX.length(), dot);
        return ORIGIN.matcher(origin).matches() ? Optional.of(new Signature(sent.substring(dot + 1), origin)) : Optional.empty();
    }
}
