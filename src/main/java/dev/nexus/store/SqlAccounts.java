package dev.nexus.store;

import dev.nexus.account.Account;
import dev.nexus.account.AccountRepository;
import dev.nexus.account.AccountState;
import dev.nexus.account.NewAccount;
import dev.nexus.secret.Secret;
import dev.nexus.secret.SecretBox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Accounts in SQL. Tokens are sealed with the row id and column as context, so rows cannot swap tokens. */
public final class SqlAccounts implements AccountRepository {
    private static final String COLUMNS = "id, provider, email, state, state_reason, state_since, is_primary, project_id,"
            + " tier, access_token, refresh_token, token_expires_at, created_at, updated_at, last_used_at, oauth_client";

    private final Jdbi jdbi;
    private final SecretBox box;
    private final Clock clock;

    public SqlAccounts(Database database, SecretBox box, Clock clock) {
        this.jdbi = database.jdbi();
        this.box = box;
        this.clock = clock;
    }

    @Override
    public List<Account> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM accounts ORDER BY created_at, id")
                .map((rs, ctx) -> read(rs)).list());
    }

    @Override
    public Optional<Account> find(String id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    @Override
    public Optional<Account> findByEmail(String provider, String email) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM accounts WHERE provider = :provider AND LOWER(email) = LOWER(:email)")
                .bind("provider", provider).bind("email", email).map((rs, ctx) -> read(rs)).findOne());
    }

    @Override
    public Upserted upsert(NewAccount account) {
        return jdbi.inTransaction(h -> {
            long now = clock.millis();
            Optional<String> existing = h.createQuery(
                            "SELECT id FROM accounts WHERE provider = :provider AND LOWER(email) = LOWER(:email)")
                    .bind("provider", account.provider()).bind("email", account.email()).mapTo(String.class).findOne();
            String id = existing.orElseGet(() -> UUID.randomUUID().toString());
            if (existing.isPresent()) {
                h.createUpdate("UPDATE accounts SET state = :state, state_reason = NULL, state_since = :now,"
                                + " project_id = COALESCE(:project, project_id), tier = COALESCE(:tier, tier),"
                                + " access_token = :access, refresh_token = :refresh, token_expires_at = :expires,"
                                + " oauth_client = :client, updated_at = :now WHERE id = :id")
                        .bind("id", id).bind("state", AccountState.ACTIVE.wireName()).bind("now", now)
                        .bind("project", account.projectId().orElse(null)).bind("tier", account.tier().orElse(null))
                        .bind("access", account.accessToken().map(t -> seal(t, id, "access_token")).orElse(null))
                        .bind("refresh", seal(account.refreshToken(), id, "refresh_token"))
                        .bind("expires", account.tokenExpiresAt().map(Instant::toEpochMilli).orElse(null))
                        .bind("client", account.oauthClient().orElse(null))
                        .execute();
            } else {
                // Primary is a place in the Google pool: the first Google account takes it, never a ChatGPT login.
                boolean first = account.provider().equals(Account.GOOGLE) && h.createQuery(
                        "SELECT COUNT(*) FROM accounts WHERE provider = :google").bind("google", Account.GOOGLE).mapTo(Long.class).one() == 0;
                h.createUpdate("INSERT INTO accounts (id, provider, email, state, state_since, is_primary, project_id,"
                                + " tier, access_token, refresh_token, token_expires_at, created_at, updated_at, oauth_client)"
                                + " VALUES (:id, :provider, :email, :state, :now, :primary, :project, :tier, :access,"
                                + " :refresh, :expires, :now, :now, :client)")
                        .bind("id", id).bind("provider", account.provider()).bind("email", account.email())
                        .bind("state", AccountState.ACTIVE.wireName()).bind("now", now).bind("primary", first)
                        .bind("project", account.projectId().orElse(null)).bind("tier", account.tier().orElse(null))
                        .bind("access", account.accessToken().map(t -> seal(t, id, "access_token")).orElse(null))
                        .bind("refresh", seal(account.refreshToken(), id, "refresh_token"))
                        .bind("expires", account.tokenExpiresAt().map(Instant::toEpochMilli).orElse(null))
                        .bind("client", account.oauthClient().orElse(null))
                        .execute();
            }
            Revisions.bump(h, "accounts");
            return new Upserted(find(h, id).orElseThrow(), existing.isEmpty());
        });
    }

    @Override
    public boolean remove(String id) {
        return jdbi.inTransaction(h -> {
            Optional<Account> account = find(h, id);
            if (account.isEmpty()) {
                return false;
            }
            h.createUpdate("DELETE FROM accounts WHERE id = :id").bind("id", id).execute();
            if (account.get().primary()) {
                h.createQuery("SELECT id FROM accounts WHERE provider = :google ORDER BY created_at, id")
                        .bind("google", Account.GOOGLE).mapTo(String.class).findFirst()
                        .ifPresent(next -> h.createUpdate("UPDATE accounts SET is_primary = :yes WHERE id = :id")
                                .bind("yes", true).bind("id", next).execute());
            }
            Revisions.bump(h, "accounts");
            return true;
        });
    }

    @Override
    public void updateTokens(String id, Secret accessToken, Instant expiresAt, Optional<Secret> rotatedRefreshToken) {
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE accounts SET access_token = :access, token_expires_at = :expires,"
                            + " refresh_token = COALESCE(:refresh, refresh_token), updated_at = :now WHERE id = :id")
                    .bind("id", id).bind("access", seal(accessToken, id, "access_token"))
                    .bind("expires", expiresAt.toEpochMilli())
                    .bind("refresh", rotatedRefreshToken.map(r -> seal(r, id, "refresh_token")).orElse(null))
                    .bind("now", clock.millis()).execute();
            Revisions.bump(h, "accounts");
        });
    }

    @Override
    public void setState(String id, AccountState state, Optional<String> reason) {
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE accounts SET state = :state, state_reason = :reason, state_since = :now, updated_at = :now"
                            + " WHERE id = :id")
                    .bind("id", id).bind("state", state.wireName()).bind("reason", reason.orElse(null))
                    .bind("now", clock.millis()).execute();
            Revisions.bump(h, "accounts");
        });
    }

    @Override
    public void setPrimary(String id) {
        jdbi.useTransaction(h -> {
            long now = clock.millis();
            h.createUpdate("UPDATE accounts SET is_primary = :no, updated_at = :now WHERE is_primary = :yes AND id <> :id")
                    .bind("no", false).bind("yes", true).bind("id", id).bind("now", now).execute();
            h.createUpdate("UPDATE accounts SET is_primary = :yes, state = :active, state_reason = NULL,"
                            + " state_since = CASE WHEN state = :active THEN state_since ELSE :now END, updated_at = :now WHERE id = :id")
                    .bind("yes", true).bind("active", AccountState.ACTIVE.wireName()).bind("id", id).bind("now", now).execute();
            Revisions.bump(h, "accounts");
        });
    }

    @Override
    public void touch(String id, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE accounts SET last_used_at = :at WHERE id = :id")
                .bind("id", id).bind("at", at.toEpochMilli()).execute());
    }

    @Override
    public void setProject(String id, String projectId, Optional<String> tier) {
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE accounts SET project_id = :project, tier = COALESCE(:tier, tier), updated_at = :now WHERE id = :id")
                    .bind("id", id).bind("project", projectId).bind("tier", tier.orElse(null))
                    .bind("now", clock.millis()).execute();
            Revisions.bump(h, "accounts");
        });
    }

    @Override
    public long revision() {
        return Revisions.read(jdbi, "accounts");
    }

    private Optional<Account> find(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM accounts WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> read(rs)).findOne();
    }

    private String seal(Secret secret, String id, String column) {
        return box.seal(secret.reveal(), context(id, column));
    }

    private static String context(String id, String column) {
        return "accounts." + column + ":" + id;
    }

    private Account read(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        String access = rs.getString("access_token");
        return new Account(
                id,
                rs.getString("provider"),
                rs.getString("email"),
                AccountState.fromWire(rs.getString("state")),
                Optional.ofNullable(rs.getString("state_reason")),
                Instant.ofEpochMilli(rs.getLong("state_since")),
                rs.getBoolean("is_primary"),
                Optional.ofNullable(rs.getString("project_id")),
                Optional.ofNullable(rs.getString("tier")),
                Optional.ofNullable(access).map(a -> Secret.of(box.open(a, context(id, "access_token")))),
                Secret.of(box.open(rs.getString("refresh_token"), context(id, "refresh_token"))),
                millis(rs, "token_expires_at"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                millis(rs, "last_used_at"),
                Optional.ofNullable(rs.getString("oauth_client")));
    }

    static Optional<Instant> millis(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(value));
    }
}
