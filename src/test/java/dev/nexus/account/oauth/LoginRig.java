package dev.nexus.account.oauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.account.Account;
import dev.nexus.config.Settings;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.provider.cloudcode.CodeAssistSetup;
import dev.nexus.secret.SecretBox;
import dev.nexus.store.Database;
import dev.nexus.store.SqlAccounts;
import dev.nexus.testing.SettableClock;
import dev.nexus.upstream.UpstreamHttp;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The login machinery of one process, built by hand as the composition root does, against a fake Google and a
 * SQLite file of the test's own, with a clock the test moves.
 */
final class LoginRig implements AutoCloseable {
    final FakeGoogle google = FakeGoogle.start();
    final SettableClock clock = new SettableClock(Instant.now());
    final Database database;
    final SqlAccounts accounts;
    final UpstreamHttp http = new UpstreamHttp(Duration.ofSeconds(10));
    final GoogleOAuthClient oauth;
    final LoginFlows flows;
    final GoogleLogin login;
    final Logins logins;

    final OAuthClients clients = new OAuthClients(Optional.empty(), Optional.empty());
    /** The profile the rig's logins use: the default, antigravity. */
    final OAuthClientProfile client = clients.defaultProfile();

    LoginRig(Path dir, Duration lifetime, int callbackPort) {
        SecureRandom random = new SecureRandom();
        Path file = dir.resolve("nexus.db");
        database = Database.open(new Settings.Database("jdbc:sqlite:" + file, Optional.of(file), Optional.empty(), Optional.empty()));
        accounts = new SqlAccounts(database, SecretBox.fromOperatorKey("test key", random), clock);
        ObjectMapper json = new ObjectMapper();
        oauth = new GoogleOAuthClient(http, json, clock, URI.create(google.tokenUrl()), URI.create(google.userinfoUrl()));
        CodeAssistSetup projects = new CodeAssistSetup(http, json, List.of(URI.create(google.cloudCodeBaseUrl())),
                "nexus-test", Duration.ofMillis(10));
        flows = new LoginFlows(clock, random, lifetime);
        login = new GoogleLogin(flows, oauth, projects, accounts, URI.create(google.authUrl()));
        logins = new Logins(login, clients, callbackPort);
    }

    LoginRig(Path dir) {
        this(dir, LoginFlows.LIFETIME, 0);
    }

    List<Account> storedAccounts() {
        return accounts.list();
    }

    @Override
    public void close() {
        logins.close();
        http.close();
        database.close();
        google.close();
    }
}
