package dev.nexus.chat;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random ids for requests, messages and upstream calls: 122 random bits in the shape of a version-4 UUID. They need to
 * be unique, not secret, so they come from the calling thread's generator; {@link UUID#randomUUID()} draws from the
 * shared {@code SecureRandom}, which showed up on every request's profile (several ids per request). Secrets (keys,
 * PKCE verifiers, OAuth state) keep using {@code SecureRandom}.
 */
public final class RandomIds {
    private RandomIds() {}

    /** A version-4 UUID. */
    public static UUID uuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** A version-4 UUID as 32 hex digits without dashes, e.g. for {@code chatcmpl-…} ids. */
    public static String hex() {
        UUID id = uuid();
        return hex16(id.getMostSignificantBits()) + hex16(id.getLeastSignificantBits());
    }

    private static String hex16(long bits) {
        String digits = Long.toHexString(bits);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
