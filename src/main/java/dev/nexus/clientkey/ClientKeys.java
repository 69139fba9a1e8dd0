package dev.nexus.clientkey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Issues, verifies and revokes client keys. Verification works on an in-memory map from key hash to key,
 * reloaded when the repository's revision moves, so the request path does not touch the database.
 */
public final class ClientKeys {
    public static final String KEY_PREFIX = "sk-nx-";
    private static final int DISPLAY_PREFIX_LENGTH = KEY_PREFIX.length() + 6;
    /** Last-used times are written at most this often per key, off the request path. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final ClientKeyRepository repository;
    private final Optional<byte[]> environmentKeyHash;
    private final SecureRandom random;
    private final Clock clock;
    private final AtomicReference<Map<String, ClientKey>> byHash = new AtomicReference<>(Map.of());
    private final AtomicLong seenRevision = new AtomicLong(Long.MIN_VALUE);
    private final Map<String, Instant> lastTouch = new ConcurrentHashMap<>();

    public ClientKeys(ClientKeyRepository repository, Optional<String> environmentKey, SecureRandom random, Clock clock) {
        this.repository = repository;
        this.environmentKeyHash = environmentKey.map(k -> digest(k));
        this.random = random;
        this.clock = clock;
        refreshIfChanged();
    }

    public IssuedKey issue(String name) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String full = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byte[] idBytes = new byte[6];
        random.nextBytes(idBytes);
        String id = "key_" + HexFormat.of().formatHex(idBytes);
        ClientKey key = new ClientKey(id, name, full.substring(0, DISPLAY_PREFIX_LENGTH),
                clock.instant(), Optional.empty(), Optional.empty());
        repository.insert(key, hashHex(full));
        refreshIfChanged();
        return new IssuedKey(key, full);
    }

    public List<ClientKey> list() {
        return repository.list();
    }

    public boolean revoke(String id) {
        boolean revoked = repository.revoke(id, clock.instant());
        refreshIfChanged();
        return revoked;
    }

    /** True when no key could authenticate a client: none stored and no NEXUS_API_KEY. */
    public boolean noneUsable() {
        return environmentKeyHash.isEmpty() && repository.active().isEmpty();
    }

    /**
     * The key a client presented, if it is valid. The environment key is compared as a digest in constant
     * time; stored keys are found by the hash of what was presented, so no stored secret is compared at all.
     */
    public Optional<ClientKey> verify(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > 512) {
            return Optional.empty();
        }
        byte[] digest = digest(presented);
        if (environmentKeyHash.isPresent() && MessageDigest.isEqual(environmentKeyHash.get(), digest)) {
            return Optional.of(new ClientKey(ClientKey.ENVIRONMENT_ID, "NEXUS_API_KEY", "(environment)",
                    Instant.EPOCH, Optional.empty(), Optional.empty()));
        }
        ClientKey key = byHash.get().get(HexFormat.of().formatHex(digest));
        return Optional.ofNullable(key);
    }

    /** Records use of a key, at most once a minute per key. Called off the request path. */
    public void touch(ClientKey key) {
        if (key.id().equals(ClientKey.ENVIRONMENT_ID)) {
            return;
        }
        Instant now = clock.instant();
        Instant previous = lastTouch.get(key.id());
        if (previous != null && previous.plus(TOUCH_INTERVAL).isAfter(now)) {
            return;
        }
        lastTouch.put(key.id(), now);
        repository.touch(key.id(), now);
    }

    public void refreshIfChanged() {
        long revision = repository.revision();
        if (revision != seenRevision.get()) {
            byHash.set(repository.active().stream().collect(
                    Collectors.toUnmodifiableMap(ClientKeyRepository.StoredKey::keyHash, ClientKeyRepository.StoredKey::key)));
            seenRevision.set(revision);
        }
    }

    public static String hashHex(String key) {
        return HexFormat.of().formatHex(digest(key));
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
