package dev.nexus.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.nexus.secret.Masks;
import dev.nexus.secret.Secret;
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
 * Offers Google accounts for upstream calls: the one a request pins with {@code X-Nexus-Account} (email or id), else
 * the usable Google accounts in the configured strategy's order, with the conversation's sticky account first and
 * those resting for the model left out. Accounts of other providers (Codex logins) are stored but never handed out
 * here. Leases carry a fresh token and a known Cloud Code project.
 */
public final class AccountPool implements CredentialSource<Account> {
    private static final Duration STICKY_FOR = Duration.ofHours(1);

    private final AccountDirectory directory;
    private final AccountRepository repository;
    private final TokenRefresher tokens;
    private final ProjectResolver projects;
    private final CooldownTable cooldowns;
    private final PoolStrategy strategy;
    private final Clock clock;
    private final LastUsedWrites lastUsedWrites;
    private final AtomicLong turn = new AtomicLong();
    private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();
    private final Cache<String, String> sticky = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(STICKY_FOR).build();

    public AccountPool(AccountDirectory directory, AccountRepository repository, TokenRefresher tokens, ProjectResolver projects,
            CooldownTable cooldowns, PoolStrategy strategy, Clock clock, Executor background) {
        this.directory = directory;
        this.repository = repository;
        this.tokens = tokens;
        this.projects = projects;
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
                .filter(a -> a.provider().equals(Account.GOOGLE) && a.active()).toList());
        if (usable.isEmpty()) {
            String why = directory.all().isEmpty() ? "no Google account is linked"
                    : "no linked Google account is active (see: nexus accounts list)";
            throw new AccountUnavailableException(503, why + " (add one with: nexus accounts login, or nexus accounts import)");
        }
        Optional<String> stuck = stickyKey.map(sticky::getIfPresent);
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

    /** The account with a fresh token and its project, discovering the project on first use. */
    @Override
    public Lease lease(Account account) throws AccountUnavailableException {
        return withProject(account, tokens.accessToken(account, false));
    }

    /** The same account after the upstream refused its token: refreshed, unless another request already did. */
    @Override
    public Optional<Lease> refreshed(Account account, Lease refused) throws AccountUnavailableException {
        return Optional.of(withProject(account, tokens.replaceRejected(account, refused.accessToken())));
    }

    /** Records a served request: the conversation sticks to this account and LRU order moves on. */
    @Override
    public void served(Account account, Optional<String> stickyKey) {
        Instant now = clock.instant();
        lastUsed.put(account.id(), now);
        stickyKey.ifPresent(key -> sticky.put(key, account.id()));
        lastUsedWrites.record(account.id(), now);
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

    private Lease withProject(Account account, Secret token) throws AccountUnavailableException {
        if (account.projectId().isPresent()) {
            return new Lease(account.id(), token, account.projectId());
        }
        ProjectInfo project = projects.resolve(token);
        repository.setProject(account.id(), project.projectId(), project.tier());
        return new Lease(account.id(), token, Optional.of(project.projectId()));
    }

    /** What the client sent, echoed back: cut short and without control characters. */
    private static String shown(String header) {
        String value = header.strip().replaceAll("\\p{Cntrl}", "?");
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }

    private Account pinnedAccount(String idOrEmail) throws AccountUnavailableException {
        // Only Google accounts: a Codex login with the same email must not be refreshed against Google.
        Account account = directory.lookup(Account.GOOGLE, idOrEmail.trim()).orElseThrow(() -> new AccountUnavailableException(400,
                "X-Nexus-Account names no Google account: '" + shown(idOrEmail) + "' (send the id or email of one"
                        + " that nexus accounts list shows, or drop the header)"));
        if (!account.active()) {
            throw new AccountUnavailableException(503, "account " + Masks.email(account.email()) + " named by X-Nexus-Account is "
                    + account.state().wireName() + account.stateReason().map(r -> " (" + r + ")").orElse("")
                    + "; fix it or drop the header");
        }
        return account;
    }
}
