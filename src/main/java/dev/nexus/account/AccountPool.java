package dev.nexus.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.nexus.secret.Masks;
import dev.nexus.secret.Sha256;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Offers one provider's OAuth accounts for upstream calls: the one a request pins with {@code X-Nexus-Account} (email
 * or id), else the usable accounts of that provider in the configured strategy's order, with the conversation's sticky
 * account first and those resting for the model left out. Accounts of other providers are never handed out here (a
 * Codex login with the same email as a Google account must not be refreshed against Google). Leases carry a fresh
 * token; what else an upstream needs per account (Cloud Code's project) is its provider's business.
 *
 * <p>Stickiness is shared through a {@link StickyRepository}, so a conversation keeps its account whichever instance
 * serves it: a conversation this pool has not seen is looked up there, a new or moved one is written there before the
 * answer is done, and {@link #forget} drops what another instance has changed.
 */
public final class AccountPool implements CredentialSource<Account> {
    /** How long a conversation keeps its account after its last request. */
    public static final Duration STICKY_FOR = Duration.ofHours(1);
    /** How stale the stored last use of a conversation may get before a request writes it again. */
    private static final Duration STICKY_TOUCH = Duration.ofMinutes(10);
    /** Session keys longer than this are stored as their hash (client-chosen ids may be long). */
    private static final int STICKY_KEY_MAX = 200;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AccountPool.class);

    private final Kind kind;
    private final AccountDirectory directory;
    private final AccountRepository repository;
    private final TokenRefresher tokens;
    private final CooldownTable cooldowns;
    private final PoolStrategy strategy;
    private final Clock clock;
    private final LastUsedWrites lastUsedWrites;
    private final AtomicLong turn = new AtomicLong();
    private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();
    private final Cache<String, StickyRepository.Stuck> sticky = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(STICKY_FOR).build();
    private final StickyRepository shared;

    /**
     * Which accounts a pool offers, and how messages name them.
     *
     * @param provider the {@link Account#provider()} of its accounts
     * @param name e.g. {@code Google}
     * @param howToAdd the commands that link one, e.g. {@code nexus accounts login, or nexus accounts import}
     */
    public record Kind(String provider, String name, String howToAdd) {
        public static final Kind GOOGLE = new Kind(Account.GOOGLE, "Google", "nexus accounts login, or nexus accounts import");
        public static final Kind CODEX = new Kind(Account.CODEX, "ChatGPT",
                "nexus accounts login --provider codex, or nexus accounts import --file ~/.codex/auth.json");
    }

    public AccountPool(Kind kind, AccountDirectory directory, AccountRepository repository, TokenRefresher tokens,
            CooldownTable cooldowns, PoolStrategy strategy, Clock clock, Executor background) {
        this(kind, directory, repository, tokens, cooldowns, StickyRepository.NONE, strategy, clock, background);
    }

    /** @param shared where conversations' accounts are kept for every instance */
    public AccountPool(Kind kind, AccountDirectory directory, AccountRepository repository, TokenRefresher tokens,
            CooldownTable cooldowns, StickyRepository shared, PoolStrategy strategy, Clock clock, Executor background) {
        this.shared = shared;
        this.kind = kind;
        this.directory = directory;
        this.repository = repository;
        this.tokens = tokens;
        this.cooldowns = cooldowns;
        this.strategy = strategy;
        this.clock = clock;
        // The pool orders by its in-memory times; the stored time is for people and restarts, so once a second is enough.
        this.lastUsedWrites = new LastUsedWrites(repository::touch, background, java.time.Duration.ofSeconds(1));
    }

    @Override
    public Candidates<Account> candidates(String model, Optional<String> pinned, Optional<String> stickyKey)
            throws AccountUnavailableException {
        if (pinned.isPresent()) {
            // A pinned account is always tried: the operator asked for it, and its own 429 is the answer they want.
            return new Candidates<>(List.of(pinnedAccount(pinned.get())), Optional.empty(), true);
        }
        List<Account> usable = ordered(directory.all().stream()
                .filter(a -> a.provider().equals(kind.provider()) && a.active()).toList());
        if (usable.isEmpty()) {
            String why = directory.all().isEmpty() ? "no " + kind.name() + " account is linked"
                    : "no linked " + kind.name() + " account is active (see: nexus accounts list)";
            throw new AccountUnavailableException(503, why + " (add one with: " + kind.howToAdd() + ")");
        }
        Optional<String> stuck = stickyKey.flatMap(this::stuck);
        List<Account> ready = new ArrayList<>();
        List<Account> resting = new ArrayList<>();
        for (Account account : usable) {
            (cooldowns.coolingUntil(account.id(), model).isPresent() ? resting : ready).add(account);
        }
        stuck.flatMap(id -> ready.stream().filter(a -> a.id().equals(id)).findFirst()).ifPresent(a -> {
            ready.remove(a);
            ready.add(0, a);
        });
        return new Candidates<>(ready, cooldowns.earliestReset(resting.stream().map(Account::id).toList(), model), false);
    }

    /** The account with a fresh token. */
    @Override
    public Lease lease(Account account) throws AccountUnavailableException {
        return new Lease(account.id(), tokens.accessToken(account, false));
    }

    /** The same account after the upstream refused its token: refreshed, unless another request already did. */
    @Override
    public Optional<Lease> refreshed(Account account, Lease refused) throws AccountUnavailableException {
        return Optional.of(new Lease(account.id(), tokens.replaceRejected(account, refused.accessToken())));
    }

    /**
     * Records a served request: the conversation sticks to this account and LRU order moves on. A new or moved
     * conversation is stored at once (the next request may reach another instance); an unchanged one only every
     * {@link #STICKY_TOUCH}, to keep it from lapsing.
     */
    @Override
    public void served(Account account, Optional<String> stickyKey) {
        Instant now = clock.instant();
        lastUsed.put(account.id(), now);
        stickyKey.map(AccountPool::storedKey).ifPresent(key -> {
            StickyRepository.Stuck known = sticky.getIfPresent(key);
            if (known == null || !known.accountId().equals(account.id()) || known.usedAt().isBefore(now.minus(STICKY_TOUCH))) {
                sticky.put(key, new StickyRepository.Stuck(account.id(), now));
                try {
                    shared.save(kind.provider(), key, account.id(), now);
                } catch (RuntimeException e) {
                    LOG.warn("could not store which account a conversation uses (other instances may pick another): {}",
                            e.getMessage());
                }
            }
        });
        lastUsedWrites.record(account.id(), now);
    }

    /** Another instance moved this conversation: the next request reads where it went. */
    public void forget(String storedKey) {
        sticky.invalidate(storedKey);
    }

    /** The pool's name in the shared store: its accounts' provider. */
    public String provider() {
        return kind.provider();
    }

    private Optional<String> stuck(String stickyKey) {
        String key = storedKey(stickyKey);
        StickyRepository.Stuck known = sticky.getIfPresent(key);
        if (known != null) {
            return Optional.of(known.accountId());
        }
        try {
            Optional<StickyRepository.Stuck> stored = shared.find(kind.provider(), key, clock.instant().minus(STICKY_FOR));
            stored.ifPresent(s -> sticky.put(key, s));
            return stored.map(StickyRepository.Stuck::accountId);
        } catch (RuntimeException e) {
            LOG.warn("could not read which account a conversation uses (picking by strategy): {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** The session key as stored and announced: long client-chosen ids become their hash. */
    static String storedKey(String stickyKey) {
        return stickyKey.length() <= STICKY_KEY_MAX ? stickyKey : "sha256:" + Sha256.hex(stickyKey);
    }

    /** Rests the account for this model until {@code until} (clamped); returns the effective time. */
    @Override
    public Instant coolDown(Account account, String model, Instant until) {
        return cooldowns.coolDown(account.id(), model, until);
    }

    /** Takes an account out of service until a person acts (verification, suspension). */
    @Override
    public void markUnusable(Account account, AccountState state, String reason) {
        repository.setState(account.id(), state, Optional.of(reason));
        directory.refreshIfChanged();
    }

    private List<Account> ordered(List<Account> usable) {
        List<Account> byAge = usable.stream().sorted(Comparator.comparing(Account::createdAt).thenComparing(Account::id)).toList();
        return switch (strategy) {
            case PRIMARY -> byAge.stream().sorted(Comparator.comparing(Account::primary).reversed()).toList();
            case FILL_FIRST -> byAge;
            case ROUND_ROBIN -> {
                int start = (int) Math.floorMod(turn.getAndIncrement(), (long) byAge.size());
                List<Account> rotated = new ArrayList<>(byAge.subList(start, byAge.size()));
                rotated.addAll(byAge.subList(0, start));
                yield rotated;
            }
            case LEAST_RECENTLY_USED -> byAge.stream()
                    .sorted(Comparator.comparing(a -> lastUsed.getOrDefault(a.id(), a.lastUsedAt().orElse(Instant.EPOCH))))
                    .toList();
        };
    }

    /** What the client sent, echoed back: cut short and without control characters. */
    private static String shown(String header) {
        String value = header.strip().replaceAll("\\p{Cntrl}", "?");
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }

    private Account pinnedAccount(String idOrEmail) throws AccountUnavailableException {
        // Only this pool's provider: a login of another provider with the same email must not be refreshed here.
        Account account = directory.lookup(kind.provider(), idOrEmail.trim()).orElseThrow(() -> new AccountUnavailableException(400,
                "X-Nexus-Account names no " + kind.name() + " account: '" + shown(idOrEmail) + "' (send the id or email of one"
                        + " that nexus accounts list shows, or drop the header)"));
        if (!account.active()) {
            throw new AccountUnavailableException(503, "account " + Masks.email(account.email()) + " named by X-Nexus-Account is "
                    + account.state().wireName() + account.stateReason().map(r -> " (" + r + ")").orElse("")
                    + "; fix it or drop the header");
        }
        return account;
    }
}
