package dev.nexus.dialect.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.chat.Signature;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignatureEnvelopeTest {

    @Test
    void cloudCodeSignaturesLeaveWithTheirOriginAndComeBackWithIt() {
        Signature gemini = new Signature("CiQBjz1rX2c=", "cloudcode/gemini");
        assertThat(SignatureEnvelope.wrap(gemini)).contains("nx1.cloudcode/gemini.CiQBjz1rX2c=");
        assertThat(SignatureEnvelope.unwrap("nx1.cloudcode/gemini.CiQBjz1rX2c=")).contains(gemini);

        Signature claude = new Signature("EqQB.with.dots", "cloudcode/claude");
        assertThat(SignatureEnvelope.unwrap(SignatureEnvelope.wrap(claude).orElseThrow())).contains(claude);
    }

    @Test
    void anthropicsOwnSignaturesPassUnchangedAndAnythingUnwrappedIsAnthropics() {
        assertThat(SignatureEnvelope.wrap(new Signature("EqQBCkgI", "anthropic"))).contains("EqQBCkgI");
        assertThat(SignatureEnvelope.unwrap("EqQBCkgI")).contains(new Signature("EqQBCkgI", "anthropic"));
        assertThat(SignatureEnvelope.unwrap("nx1.")).contains(new Signature("nx1.", "anthropic"));
        assertThat(SignatureEnvelope.unwrap("nx1.cloudcode/gemini.")).contains(new Signature("nx1.cloudcode/gemini.", "anthropic"));
        assertThat(SignatureEnvelope.unwrap("nx1.has space.x")).contains(new Signature("nx1.has space.x", "anthropic"));
    }

    @Test
    void emptySignaturesAreNoSignatures() {
        assertThat(SignatureEnvelope.unwrap("")).isEmpty();
        assertThat(SignatureEnvelope.wrap(new Signature("", "cloudcode/gemini"))).isEmpty();
    }

    @Test
    void anOriginTheEnvelopeCannotSpellIsWithheldRatherThanPassedOffAsAnthropics() {
        assertThat(SignatureEnvelope.wrap(new Signature("sig", "vertex.eu"))).isEqualTo(Optional.empty());
        assertThat(SignatureEnvelope.wrap(new Signature("sig", ""))).isEmpty();
    }
}
