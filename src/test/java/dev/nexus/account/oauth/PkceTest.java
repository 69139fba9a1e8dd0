package dev.nexus.account.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PkceTest {

    /** Hands out the given bytes, so the verifier is known in advance. */
    private static final class FixedRandom extends SecureRandom {
        private final byte[] bytes;

        FixedRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }

    @Test
    void theVerifierAndChallengeMatchTheExampleOfRfc7636AppendixB() {
        byte[] octets = {116, 24, (byte) 223, (byte) 180, (byte) 151, (byte) 153, (byte) 224, 37, 79, (byte) 250, 96, 125,
                (byte) 216, (byte) 173, (byte) 187, (byte) 186, 22, (byte) 212, 37, 77, 105, (byte) 214, (byte) 191,
                (byte) 240, 91, 88, 5, 88, 83, (byte) 132, (byte) 141, 121};

        Pkce pkce = Pkce.create(new FixedRandom(octets));

        assertThat(pkce.verifier()).isEqualTo("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assertThat(pkce.challenge()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void everyPairIsFreshUrlSafeAndItsVerifierNeverPrinted() {
        SecureRandom random = new SecureRandom();
        Pkce first = Pkce.create(random);
        Pkce second = Pkce.create(random);

        assertThat(first.verifier()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(second.verifier());
        assertThat(first.challenge()).isEqualTo(Pkce.challengeOf(first.verifier())).isNotEqualTo(second.challenge());
        assertThat(first.toString()).doesNotContain(first.verifier()).contains(first.challenge());
    }
}
