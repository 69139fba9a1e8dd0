package dev.nexus.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void sealedValuesOpenWithTheSameKeyAndContext() {
        SecretBox box = SecretBox.fromOperatorKey("correct horse battery staple", random);
        String sealed = box.seal("1//refresh-token", "accounts.refresh_token:a1");
        assertThat(sealed).startsWith("v1:").doesNotContain("refresh-token");
        assertThat(box.open(sealed, "accounts.refresh_token:a1")).isEqualTo("1//refresh-token");
    }

    @Test
    void theSameValueSealsDifferentlyEachTime() {
        SecretBox box = SecretBox.fromOperatorKey("k", random);
        assertThat(box.seal("x", "c")).isNotEqualTo(box.seal("x", "c"));
    }

    @Test
    void aWrongKeyIsDetectedNotTurnedIntoGarbage() {
        String sealed = SecretBox.fromOperatorKey("key one", random).seal("token", "ctx");
        assertThatThrownBy(() -> SecretBox.fromOperatorKey("key two", random).open(sealed, "ctx"))
                .isInstanceOf(SecretBox.WrongKeyException.class);
    }

    @Test
    void aValueMovedToAnotherRowDoesNotOpen() {
        SecretBox box = SecretBox.fromOperatorKey("k", random);
        String sealed = box.seal("token", "accounts.refresh_token:a1");
        assertThatThrownBy(() -> box.open(sealed, "accounts.refresh_token:a2")).isInstanceOf(SecretBox.WrongKeyException.class);
    }

    @Test
    void aBase64KeyOf32BytesIsUsedAsIsAndOtherTextIsAPassphrase() {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        assertThat(SecretBox.keyBytes(Base64.getEncoder().encodeToString(raw))).isEqualTo(raw);
        assertThat(SecretBox.keyBytes("short passphrase")).hasSize(32).isNotEqualTo(raw);
    }

    @Test
    void tamperedValuesAreRejected() {
        SecretBox box = SecretBox.fromOperatorKey("k", random);
        String sealed = box.seal("token", "ctx");
        char last = sealed.charAt(sealed.length() - 3);
        String tampered = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 2);
        assertThatThrownBy(() -> box.open(tampered, "ctx")).isInstanceOf(SecretBox.WrongKeyException.class);
        assertThatThrownBy(() -> box.open("plaintext", "ctx")).isInstanceOf(SecretBox.WrongKeyException.class);
    }

    @Test
    void theKeyFileIsCreatedOnceWithOwnerOnlyPermissions(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/nexus.db.key");
        String first = SecretKeyFile.readOrCreate(file, random);
        String second = SecretKeyFile.readOrCreate(file, random);
        assertThat(first).isEqualTo(second);
        assertThat(Base64.getDecoder().decode(first)).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void secretsPrintMasked() {
        Secret secret = Secret.of("ya29.a0AfH6SMBx-very-long-token-value");
        assertThat(secret.toString()).isEqualTo("ya29…alue").doesNotContain("very-long");
        assertThat(Secret.of("short").toString()).isEqualTo("***");
    }

    @Test
    void emailsAreMaskedToFirstAndLastLetters() {
        assertThat(Masks.email("alice.smith@gmail.com")).isEqualTo("a***h@g***.com");
        assertThat(Masks.email("a@b.co")).isEqualTo("a***@b***.co");
        assertThat(Masks.email("")).isEmpty();
    }
}
