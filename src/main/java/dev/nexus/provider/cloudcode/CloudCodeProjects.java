package dev.nexus.provider.cloudcode;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.nexus.account.Account;
import dev.nexus.account.AccountRepository;
import dev.nexus.account.AccountUnavailableException;
import dev.nexus.account.ProjectInfo;
import dev.nexus.account.ProjectResolver;
import dev.nexus.secret.Secret;
import java.time.Duration;
import java.util.Optional;

/**
 * Each Google account's Cloud Code project, which every Cloud Code call names: the one stored with the account, else
 * discovered (onboarding the account if needed) on first use and stored. Kept here per account, re-read from the store
 * every {@link #REREAD} so a re-import with another project takes effect.
 */
public final class CloudCodeProjects implements CloudCodeProvider.Projects {
    static final Duration REREAD = Duration.ofMinutes(10);

    private final ProjectResolver setup;
    private final AccountRepository accounts;
    private final Cache<String, String> known = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(REREAD).build();

    public CloudCodeProjects(ProjectResolver setup, AccountRepository accounts) {
        this.setup = setup;
        this.accounts = accounts;
    }

    @Override
    public String project(String accountId, Secret accessToken) throws AccountUnavailableException {
        String cached = known.getIfPresent(accountId);
        if (cached != null) {
            return cached;
        }
        Optional<String> stored = accounts.find(accountId).flatMap(Account::projectId);
        String project;
        if (stored.isPresent()) {
            project = stored.get();
        } else {
            ProjectInfo discovered = setup.resolve(accessToken);
            accounts.setProject(accountId, discovered.projectId(), discovered.tier());
            project = discovered.projectId();
        }
        known.put(accountId, project);
        return project;
    }
}
