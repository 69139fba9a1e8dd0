package dev.nexus.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.chat.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ThoughtSignaturesTest {

    @Test
    void aSignatureGivenToAGenAiClientIsBase64AndComesBackWithItsOrigin() {
        Signature codex = new Signature("gAAAAABo-encrypted+/=", "codex");
        String sent = ThoughtSignatures.wrap(codex).orElseThrow();
        assertThat(Base64.getDecoder().decode(sent)).as("the SDKs read the field as bytes").isNotEmpty();
        assertThat(ThoughtSignatures.unwrap(sent)).isEqualTo(codex);
    }

    @Test
    void anyOtherSignatureIsTheClientsAndIsNeverReplayed() {
        String google = "CiQBjz1rXy0=";
        assertThat(ThoughtSignatures.unwrap(google)).isEqualTo(new Signature(google, ThoughtSignatures.CLIENT));
        String labelNotBase64 = "bngx!!";
        assertThat(ThoughtSignatures.unwrap(labelNotBase64).origin()).isEqualTo(ThoughtSignatures.CLIENT);
        String badLabel = Base64.getEncoder().encodeToString("nx1.codex".getBytes());
        assertThat(ThoughtSignatures.unwrap(badLabel).origin()).isEqualTo(ThoughtSignatures.CLIENT);
    }

    @Test
    void nothingIsGivenForAnEmptySignatureOrAnOriginTheLabelCannotSpell() {
        assertThat(ThoughtSignatures.wrap(new Signature("", "codex"))).isEmpty();
        assertThat(ThoughtSignatures.wrap(new Signature("x", "a.b"))).isEmpty();
    }
}
