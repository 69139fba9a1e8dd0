package dev.nexus.clientkey;

import dev.nexus.secret.Sha256;
import java.security.MessageDigest;
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
    /** The longest key accepted; longer ones are refused without hashing. */
    public static final int MAX_KEY_LENGTH = 512;
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
    private final String selfTestKey;
    private final byte[] selfTestKeyHash;

    public ClientKeys(ClientKeyRepository repository, Optional<String> environmentKey, SecureRandom random, Clock clock) {
        this.repository = repository;
        this.environmentKeyHash = environmentKey.map(k -> digest(k));
        this.random = random;
        this.clock = clock;
        this.selfTestKey = newKey();
        this.selfTestKeyHash = digest(selfTestKey);
        refreshIfChanged();
    }

    /**
     * A key that lives only in this process's memory, for the server's own probes of its surfaces ({@code /api/test},
     * {@code nexus doctor}): never stored, printed or logged, and gone at the next start. Its requests are recorded
     * under the key name {@code self-test}.
     */
    public String selfTestKey() {
        return selfTestKey;
    }

    public IssuedKey issue(String name) {
        return issue(name, KeyPolicy.UNLIMITED);
    }

    public IssuedKey issue(String name, KeyPolicy policy) {
        String full = newKey();
        ClientKey key = new ClientKey(newId(), name, full.substring(0, DISPLAY_PREFIX_LENGTH),
                clock.instant(), Optional.empty(), Optional.empty(), policy);
        repository.insert(key, hashHex(full));
        refreshIfChanged();
        return new IssuedKey(key, full);
    }

    /**
     * Accepts a key that already exists elsewhere (the Go version's {@code api_key}), so its clients keep working:
     * only its hash and a short display prefix are stored, as for issued keys. A key whose hash is already stored
     * is left as it is, revoked or not.
     *
     * @return the stored key, and whether this call added it
     */
    public Adoption adopt(String name, String fullKey) {
        if (fullKey.isBlank() || fullKey.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a client key must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String hash = hashHex(fullKey);
        Optional<ClientKey> existing = repository.findByHash(hash);
        if (existing.isPresent()) {
            return new Adoption(existing.get(), false);
        }
        ClientKey key = new ClientKey(newId(), name, displayPrefix(fullKey), clock.instant(), Optional.empty(), Optional.empty(),
                KeyPolicy.UNLIMITED);
        repository.insert(key, hash);
        refreshIfChanged();
        return new Adoption(key, true);
    }

    /** The outcome of {@link #adopt}: the key as stored, and false when it was there before. */
    public record Adoption(ClientKey key, boolean added) {}

    public List<ClientKey> list() {
        return repository.list();
    }

    /** The key with this id, revoked or not. */
    public Optional<ClientKey> find(String id) {
        return repository.list().stream().filter(k -> k.id().equals(id)).findFirst();
    }

    /**
     * Changes a key's name and policy; clients using it get the new policy within seconds ({@link #refreshIfChanged}).
     *
     * @return the key as changed, empty when no active key has that id
     */
    public Optional<ClientKey> update(String id, String name, KeyPolicy policy) {
        if (!repository.update(id, name, policy)) {
            return Optional.empty();
        }
        refreshIfChanged();
        return find(id);
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
        if (presented == null || presented.isEmpty() || presented.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        byte[] digest = digest(presented);
        if (environmentKeyHash.isPresent() && MessageDigest.isEqual(environmentKeyHash.get(), digest)) {
            return Optional.of(new ClientKey(ClientKey.ENVIRONMENT_ID, "NEXUS_API_KEY", "(environment)",
                    Instant.EPOCH, Optional.empty(), Optional.empty(), KeyPolicy.UNLIMITED));
        }
        if (MessageDigest.isEqual(selfTestKeyHash, digest)) {
            return Optional.of(new ClientKey(ClientKey.SELF_TEST_ID, "self-test", "(self-test)", Instant.EPOCH,
                    Optional.empty(), Optional.empty(), KeyPolicy.UNLIMITED));
        }
        ClientKey key = byHash.get().get(HexFormat.of().formatHex(digest));
        return Optional.ofNullable(key);
    }

    /** Records use of a key, at most once a minute per key. Called off the request path. */
    public void touch(ClientKey key) {
        if (!touchable(key)) {
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

    /**
     * Whether {@link #touch} would record anything now (the same test): not for the environment key, nor within a
     * minute of the key's last record. Cheap, so the request path can skip handing a no-op touch to a background task.
     */
    public boolean touchDue(ClientKey key) {
        if (!touchable(key)) {
            return false;
        }
        Instant previous = lastTouch.get(key.id());
        return previous == null || !previous.plus(TOUCH_INTERVAL).isAfter(clock.instant());
    }

    /** Only stored keys have a last-used time. */
    private static boolean touchable(ClientKey key) {
        return !key.synthetic();
    }

    public void refreshIfChanged() {
        long revision = repository.revision();
        if (revision != seenRevision.get()) {
            byHash.set(repository.active().stream().collect(
                    Collectors.toUnmodifiableMap(ClientKeyRepository.StoredKey::keyHash, ClientKeyRepository.StoredKey::key)));
            seenRevision.set(revision);
        }
    }

    private String newKey() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String newId() {
        byte[] idBytes = new byte[6];
        random.nextBytes(idBytes);
        return "key_" + HexFormat.of().formatHex(idBytes);
    }

    /**
     * A foreign key's display prefix: at most nine characters and a third of the key, so a short key does not give
     * most of itself away ({@code sk-} plus six characters of the Go version's 32 hex digits).
     */
    static String displayPrefix(String fullKey) {
        return fullKey.substring(0, Math.min(9, fullKey.length() / 3));
    }

    public static String hashHex(String key) {
        return HexFormat.of().formatHex(digest(key));
    }

    private static byte[] digest(String key) {
        return Sha256.of(key);
    }
}
