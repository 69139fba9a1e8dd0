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
    private final Cache<String, List<String>> available = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).build();

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
        List<String> cached = available.getIfPresent("google");
        if (cached != null) {
            return cached;
        }
        try {
            List<dev.nexus.account.Account> ready = pool.candidates("", Optional.empty(), Optional.empty()).ready();
            if (ready.isEmpty()) {
                return List.of();
            }
            Lease lease = pool.lease(ready.get(0));
            List<String> ids = cloudCode.list(lease.accessToken(), lease.projectId()).stream().map(CloudCodeModels.Available::id).toList();
            available.put("google", ids);
            return ids;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (Exception e) {
            LOG.debug("no Cloud Code model list: {}", e.getMessage());
            return List.of();
        }
    }
}
