package dev.nexus.chat;

import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random ids for requests, messages, upstream calls and request records. They need to be unique, not secret, so they
 * come from the calling thread's generator; {@link UUID#randomUUID()} draws from the shared {@code SecureRandom}, which
 * showed up on every request's profile (several ids per request). Secrets (keys, PKCE verifiers, OAuth state) keep
 * using {@code SecureRandom}.
 *
 * <p>Every draw asks {@link ThreadLocalRandom#current()} on the drawing thread. Never keep its result in a field or
 * hand it to another thread: a thread that never called {@code current()} itself draws from an unseeded state that
 * depends only on its thread id, so every process (a restart, a second server on the same PostgreSQL) repeats the
 * same "random" ids.
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

    /** {@code bytes} random bytes as {@code 2 * bytes} lower-case hex digits, e.g. for {@code rl_…} record ids. */
    public static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static String hex16(long bits) {
        String digits = Long.toHexString(bits);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
