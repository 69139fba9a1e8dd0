package dev.nexus.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.account.Account;
import dev.nexus.account.AccountState;
import dev.nexus.account.AccountUnavailableException;
import dev.nexus.account.ManualRefresh;
import dev.nexus.account.TokenRefresher;
import dev.nexus.admin.ProbeJson;
import dev.nexus.config.Settings;
import dev.nexus.gateway.AccountQuota;
import dev.nexus.selftest.Probe;
import dev.nexus.selftest.ProbeResult;
import dev.nexus.selftest.SelfTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nexus doctor}: checks what a working set-up needs — the JDK, the database, the secret key file, the admin
 * password, each account (token refresh, project, tier, model catalogue, quota), the key proxies, and each client
 * surface with one tiny real request through a private server on a loopback port — and says what to fix. Exits 1 when
 * something failed.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check the configuration, every account and every client surface (one tiny request each), with a fix for each failure; exit 1 when something fails.")
final class DoctorCommand implements Callable<Integer> {
    private static final String CONFIGURATION = "configuration";
    private static final String ACCOUNTS = "accounts";
    private static final String KEY_PROXIES = "key proxies";
    private static final String SURFACES = "surfaces";
    private static final int MINIMUM_JAVA = 21;

    @ParentCommand
    NexusCommand root;

    @Option(names = "--json", description = "Print {\"ok\",\"checks\":[{\"group\",\"name\",\"status\",\"detail\",\"hint\"}]} as JSON.")
    boolean json;

    @Option(names = "--no-requests", description = "Check the configuration only: no token refresh and no request to any upstream.")
    boolean noRequests;

    @Override
    public Integer call() {
        Settings settings = root.settings();
        List<DoctorCheck> checks = new ArrayList<>();
        checks.add(java());
        checks.add(adminPassword(settings));
        try (NexusState state = root.openState(settings)) {
            checks.add(DoctorCheck.ok(CONFIGURATION, "database", settings.database().describe() + " opens and is up to date"));
            checks.add(secretKey(settings));
            checks.addAll(accounts(settings, state));
        } catch (RuntimeException e) {
            checks.add(DoctorCheck.fail(CONFIGURATION, "database", e.getMessage(),
                    "fix NEXUS_DB (or the secret key) as the message says, then run nexus doctor again"));
        }
        checks.addAll(keyProxies(settings));
        if (noRequests) {
            checks.add(DoctorCheck.skipped(SURFACES, "surfaces", "not probed (--no-requests)"));
        } else if (checks.stream().anyMatch(c -> c.group().equals(CONFIGURATION) && c.status() == DoctorCheck.Status.FAIL)) {
            checks.add(DoctorCheck.skipped(SURFACES, "surfaces", "not probed: fix the configuration above first"));
        } else {
            checks.addAll(surfaces());
        }
        boolean ok = checks.stream().noneMatch(c -> c.status() == DoctorCheck.Status.FAIL);
        print(checks, ok, root.out());
        return ok ? 0 : 1;
    }

    private static DoctorCheck java() {
        Runtime.Version version = Runtime.version();
        String detail = "Java " + version + " (" + System.getProperty("java.vendor", "unknown vendor") + ")";
        return version.feature() >= MINIMUM_JAVA ? DoctorCheck.ok(CONFIGURATION, "java", detail)
                : DoctorCheck.fail(CONFIGURATION, "java", detail + " is older than Java " + MINIMUM_JAVA,
                        "run Nexus on JDK " + MINIMUM_JAVA + " or newer (set JAVA_HOME)");
    }

    private static DoctorCheck adminPassword(Settings settings) {
        if (settings.adminPassword().isPresent()) {
            return DoctorCheck.ok(CONFIGURATION, "admin password", "set: the dashboard and /api ask for it");
        }
        if (ServeCommand.isLoopback(settings.host())) {
            return DoctorCheck.ok(CONFIGURATION, "admin password", "not set; HOST=" + settings.host()
                    + " is a loopback address, so only this machine reaches the dashboard");
        }
        if (settings.allowOpenAdmin()) {
            return DoctorCheck.warn(CONFIGURATION, "admin password", "not set on HOST=" + settings.host()
                    + " (NEXUS_ALLOW_OPEN_ADMIN=1)", "make sure what stands in front of Nexus guards /api and /, or set NEXUS_ADMIN_PASSWORD");
        }
        return DoctorCheck.fail(CONFIGURATION, "admin password", "not set while HOST=" + settings.host()
                + " is reachable from the network: nexus serve refuses to start", "set NEXUS_ADMIN_PASSWORD, or HOST=127.0.0.1");
    }

    private DoctorCheck secretKey(Settings settings) {
        if (settings.secretKey().isPresent()) {
            return DoctorCheck.ok(CONFIGURATION, "secret key", "from NEXUS_SECRET_KEY");
        }
        Path file = NexusState.keyFile(settings, root.workingDirectory());
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> others = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
            others.retainAll(mode);
            if (!others.isEmpty()) {
                return DoctorCheck.fail(CONFIGURATION, "secret key", file + " can be read or written by other users",
                        "run: chmod 600 " + file);
            }
            return DoctorCheck.ok(CONFIGURATION, "secret key", file + " (mode 0600)");
        } catch (UnsupportedOperationException e) {
            return DoctorCheck.ok(CONFIGURATION, "secret key", file + " (this file system has no POSIX modes)");
        } catch (IOException e) {
            return DoctorCheck.fail(CONFIGURATION, "secret key", "cannot read the mode of " + file + ": " + e.getMessage(),
                    "check that the file exists and belongs to the user running Nexus");
        }
    }

    private List<DoctorCheck> accounts(Settings settings, NexusState state) {
        List<Account> all = state.accounts.list().stream().sorted(Comparator.comparing(Account::createdAt)).toList();
        if (all.isEmpty()) {
            return List.of(DoctorCheck.warn(ACCOUNTS, "accounts", "no account is linked: the account-pool surfaces answer 503",
                    "add one: nexus accounts login (or nexus accounts import)"));
        }
        List<DoctorCheck> checks = new ArrayList<>();
        try (UpstreamClients upstreams = new UpstreamClients(settings, root.json, root.clock)) {
            TokenRefresher tokens = new TokenRefresher(upstreams.tokenSources(new dev.nexus.store.SqlCodexAccounts(state.database)), state.accounts, root.clock,
                    new dev.nexus.store.SqlLeases(state.database, root.clock));
            ManualRefresh refresh = new ManualRefresh(state.accounts, tokens);
            AccountQuota quota = new AccountQuota(tokens, upstreams.cloudCode(state.accounts).models());
            for (Account account : all) {
                checks.add(account(account, refresh, quota, state));
            }
        }
        return checks;
    }

    private DoctorCheck account(Account account, ManualRefresh refresh, AccountQuota quota, NexusState state) {
        String name = account.email();
        if (account.state() == AccountState.DISABLED) {
            return DoctorCheck.skipped(ACCOUNTS, name, "disabled by the operator");
        }
        if (!account.provider().equals(Account.GOOGLE)) {
            return DoctorCheck.skipped(ACCOUNTS, name, "a " + account.provider() + " account: this build serves Google accounts only");
        }
        if (noRequests) {
            return account.state() == AccountState.ACTIVE
                    ? DoctorCheck.ok(ACCOUNTS, name, "active (not asked: --no-requests)")
                    : DoctorCheck.fail(ACCOUNTS, name, account.state().wireName() + account.stateReason().map(r -> ": " + r).orElse(""),
                            relogin(account));
        }
        return switch (refresh.refresh(account)) {
            case ManualRefresh.Result.NeedsRelogin relogin -> DoctorCheck.fail(ACCOUNTS, name, relogin.message(), relogin(account));
            case ManualRefresh.Result.Failed failed -> DoctorCheck.fail(ACCOUNTS, name, "token refresh failed: " + failed.message(),
                    "check the network to Google (and NEXUS_GOOGLE_TOKEN_URL if set), then run nexus doctor again");
            case ManualRefresh.Result.Refreshed refreshed -> catalogue(refreshed.account(), quota, state);
        };
    }

    private DoctorCheck catalogue(Account account, AccountQuota quota, NexusState state) {
        String name = account.email();
        List<AccountQuota.ModelQuota> models;
        try {
            models = quota.read(account);
        } catch (AccountUnavailableException e) {
            return DoctorCheck.fail(ACCOUNTS, name, e.getMessage(), "see the message; nexus quota " + account.id() + " shows the same call");
        }
        // The project may have been found just now: read the account again for it.
        Account now = state.accounts.find(account.id()).orElse(account);
        String project = now.projectId().orElse("(unknown)");
        String tier = now.tier().orElse("unknown tier");
        String detail = "token refreshed (" + now.oauthClient().orElse("antigravity") + " OAuth client); project " + project + ", " + tier + "; " + models.size() + " model"
                + (models.size() == 1 ? "" : "s") + " in its catalogue";
        AccountQuota.ModelQuota lowest = models.stream().min(Comparator.comparingDouble(AccountQuota.ModelQuota::remainingFraction))
                .orElse(null);
        if (lowest == null) {
            return DoctorCheck.warn(ACCOUNTS, name, detail, "Cloud Code lists no model for this account; check its tier with: nexus quota "
                    + account.id());
        }
        detail += "; lowest quota " + Math.round(lowest.remainingFraction() * 100) + "% (" + lowest.id() + ")";
        if (lowest.remainingFraction() <= 0.0) {
            return DoctorCheck.warn(ACCOUNTS, name, detail, lowest.id() + " is exhausted until "
                    + lowest.resetTime().map(Object::toString).orElse("its window resets") + "; other accounts serve it meanwhile");
        }
        return DoctorCheck.ok(ACCOUNTS, name, detail);
    }

    private static String relogin(Account account) {
        return "log in again: nexus accounts login (or re-import the account's credentials); "
                + "disable it meanwhile with: nexus accounts disable " + account.id();
    }

    private static List<DoctorCheck> keyProxies(Settings settings) {
        Settings.KeyProxies proxies = settings.keyProxies();
        int gemini = proxies.geminiKeys().size();
        return List.of(
                gemini > 0 ? DoctorCheck.ok(KEY_PROXIES, "gemini", gemini + " key" + (gemini == 1 ? "" : "s") + " (NEXUS_GEMINI_API_KEYS)")
                        : DoctorCheck.skipped(KEY_PROXIES, "gemini", "not configured (set NEXUS_GEMINI_API_KEYS to turn it on)"),
                proxies.vertexKey().isPresent() ? DoctorCheck.ok(KEY_PROXIES, "vertex", "a key (NEXUS_VERTEX_API_KEY)")
                        : DoctorCheck.skipped(KEY_PROXIES, "vertex", "not configured (set NEXUS_VERTEX_API_KEY to turn it on)"));
    }

    private List<DoctorCheck> surfaces() {
        // A private server on a free loopback port: the probes meet every filter, front and upstream a client would.
        Settings own = root.settings(Map.of("HOST", "127.0.0.1", "PORT", "0"));
        List<DoctorCheck> checks = new ArrayList<>();
        try (ServeCommand.Running server = ServeCommand.startWithoutFirstKey(own, root)) {
            SelfTest selfTest = server.selfTest();
            for (Probe probe : selfTest.probes()) {
                checks.add(surface(selfTest.run(probe)));
            }
        } catch (RuntimeException e) {
            checks.add(DoctorCheck.fail(SURFACES, "server", "could not start a server to probe the surfaces: " + e.getMessage(),
                    "fix what the message names; nexus serve would fail the same way"));
        }
        return checks;
    }

    private static DoctorCheck surface(ProbeResult r) {
        ObjectNode probe = ProbeJson.result(r);
        String name = r.endpoint();
        if (r.skipped()) {
            return DoctorCheck.skipped(SURFACES, name, r.reason().orElse("switched off")).withProbe(probe);
        }
        if (r.success()) {
            String model = r.mappedModel().equals(r.model()) ? r.model() : r.model() + " → " + r.mappedModel();
            return DoctorCheck.ok(SURFACES, name, r.path() + " answered " + r.statusCode() + " in " + r.durationMs() + " ms ("
                    + r.provider() + ", " + model + ")").withProbe(probe);
        }
        return DoctorCheck.fail(SURFACES, name, r.path() + ": " + r.reason().orElse("failed"), surfaceHint(r)).withProbe(probe);
    }

    /** What usually fixes a surface that answers this status. */
    private static String surfaceHint(ProbeResult r) {
        return switch (r.statusCode()) {
            case 0 -> "the server did not answer in time; see the log for the request";
            case 401, 403 -> "an account or key was refused upstream; see the accounts and key proxies above";
            case 404 -> "the model " + r.model() + " is unknown upstream; add a route (nexus routes) or see GET /v1/models";
            case 429 -> "the quota is spent for now; add accounts or wait for the reset (nexus quota)";
            case 503 -> r.provider().equals("google") ? "no account can serve it: add or re-enable one (nexus accounts login)"
                    : "the " + r.provider() + " keys are all resting or refused; check them";
            default -> "see the request in the monitor (/monitor) and the server log";
        };
    }

    private void print(List<DoctorCheck> checks, boolean ok, PrintWriter out) {
        if (json) {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("ok", ok);
            ArrayNode list = body.putArray("checks");
            checks.forEach(c -> list.add(c.json()));
            out.println(body.toPrettyString());
            out.flush();
            return;
        }
        String group = "";
        for (DoctorCheck check : checks) {
            if (!check.group().equals(group)) {
                group = check.group();
                out.println(group.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + group.substring(1) + ":");
            }
            out.println("  " + mark(check.status()) + " " + check.name() + ": " + check.detail());
            check.hint().ifPresent(h -> out.println("      fix: " + h));
        }
        long failed = checks.stream().filter(c -> c.status() == DoctorCheck.Status.FAIL).count();
        out.println(ok ? "All checks passed." : failed + " check" + (failed == 1 ? "" : "s") + " failed.");
        out.flush();
    }

    private static String mark(DoctorCheck.Status status) {
        return switch (status) {
            case OK -> "ok  ";
            case WARN -> "warn";
            case FAIL -> "FAIL";
            case SKIPPED -> "skip";
        };
    }
}
