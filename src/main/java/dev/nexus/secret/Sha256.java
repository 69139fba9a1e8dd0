package dev.nexus.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one digest Nexus uses: for key hashes and comparisons, fingerprints of what must not be stored as it is
 * (an upstream key, a long session id), and content tags. Every Java runtime has it, so its absence is a broken JDK.
 */
public final class Sha256 {
    /**
     * Never used itself, only cloned: a clone skips the provider look-up {@code getInstance} makes, which costs more
     * than hashing a key (every client request hashes its key).
     */
    private static final MessageDigest PROTOTYPE = prototype();

    private Sha256() {}

    public static byte[] of(byte[] bytes) {
        return digest().digest(bytes);
    }

    /** A new SHA-256 digest, for input fed in parts. */
    public static MessageDigest digest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return prototype();
        }
    }

    private static MessageDigest prototype() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Of the text's UTF-8 bytes. */
    public static byte[] of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Of the text's UTF-8 bytes, in lower-case hex (64 digits). */
    public static String hex(String text) {
        return HexFormat.of().formatHex(of(text));
    }
}
