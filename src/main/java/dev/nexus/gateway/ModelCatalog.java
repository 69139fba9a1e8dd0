package dev.nexus.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.nexus.account.AccountPool;
import dev.nexus.account.Lease;
import dev.nexus.provider.cloudcode.CloudCodeModels;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models clients can ask for: every routed client model, plus the models the default Google account can use
 * on Cloud Code (asked at most once a minute; when no account can answer, the routed models alone).
 */
public final class ModelCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);

    private final ModelRoutes routes;
    private final AccountPool pool;
    private final CloudCodeModels cloudCode;
    private final Clock clock;
    private final Cache<String, List<CloudCodeModels.Available>> available = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).build();

    public ModelCatalog(ModelRoutes routes, AccountPool pool, CloudCodeModels cloudCode, Clock clock) {
        this.routes = routes;
        this.pool = pool;
        this.cloudCode = cloudCode;
        this.clock = clock;
    }

    public record Entry(String id, String ownedBy, long created) {}

    public List<Entry> entries() {
        long now = clock.instant().getEpochSecond();
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (ModelRoute route : routes.active()) {
            entries.putIfAbsent(route.clientModel(), new Entry(route.clientModel(), route.provider(), now));
        }
        for (String id : cloudCodeModels()) {
            entries.putIfAbsent(id, new Entry(id, "google", now));
        }
        return new ArrayList<>(entries.values());
    }

    private List<String> cloudCodeModels() {
        try {
            return available().stream().map(CloudCodeModels.Available::id).toList();
        } catch (Unavailable e) {
            LOG.debug("no Cloud Code model list: {}", e.getMessage());
            return List.of();
        }
    }

    /**
     * The models the first ready Google account may use on Cloud Code, from {@code fetchAvailableModels} (cached for a
     * minute).
     *
     * @throws Unavailable when no account can answer, saying why
     */
    public List<CloudCodeModels.Available> available() throws Unavailable {
        List<CloudCodeModels.Available> cached = available.getIfPresent("google");
        if (cached != null) {
            return cached;
        }
        List<dev.nexus.account.Account> ready;
        try {
            ready = pool.candidates("", Optional.empty(), Optional.empty()).ready();
        } catch (dev.nexus.account.AccountUnavailableException e) {
            throw new Unavailable(e.getMessage());
        }
        if (ready.isEmpty()) {
            throw new Unavailable("no Google account is ready to list models (add one with: nexus accounts login,"
                    + " or enable one on the dashboard)");
        }
        dev.nexus.account.Account account = ready.get(0);
        try {
            Lease lease = pool.lease(account);
            List<CloudCodeModels.Available> models = cloudCode.list(lease.accessToken(), lease.projectId());
            available.put("google", models);
            return models;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while listing models");
        } catch (Exception e) {
            throw new Unavailable("account " + dev.nexus.secret.Masks.email(account.email()) + " could not list its Cloud Code models: "
                    + e.getMessage());
        }
    }

    /** No Cloud Code model list can be had now; the message says why and what to do. */
    public static final class Unavailable extends Exception {
        public Unavailable(String message) {
            super(message);
        }
    }
}
