package dev.nexus.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.account.AccountAdmin;
import dev.nexus.account.AccountDirectory;
import dev.nexus.account.AccountPool;
import dev.nexus.account.ApiKeyRing;
import dev.nexus.account.CooldownTable;
import dev.nexus.account.ManualRefresh;
import dev.nexus.account.PoolStrategy;
import dev.nexus.account.TokenRefresher;
import dev.nexus.account.Account;
import dev.nexus.account.CredentialSource;
import dev.nexus.provider.Provider;
import java.util.HashMap;
import dev.nexus.account.TokenSweeper;
import dev.nexus.admin.SelfTestApi;
import dev.nexus.admin.AccountUpstreamApi;
import dev.nexus.admin.AccountsApi;
import dev.nexus.admin.AlertsApi;
import dev.nexus.alert.AccountWatch;
import dev.nexus.alert.AlertWebhook;
import dev.nexus.alert.Alerts;
import dev.nexus.metrics.AttemptMeters;
import dev.nexus.metrics.HttpServerMeters;
import dev.nexus.metrics.MetricsEndpoint;
import dev.nexus.metrics.NexusMetrics;
import dev.nexus.metrics.RequestMeters;
import dev.nexus.metrics.StateGauges;
import dev.nexus.admin.CodexQuotaApi;
import dev.nexus.front.CodexQuotaFront;
import dev.nexus.gateway.CodexQuotas;
import dev.nexus.admin.ClientKeysApi;
import dev.nexus.admin.LoginApi;
import dev.nexus.store.SqlCodexAccounts;
import dev.nexus.admin.ModelRoutesApi;
import dev.nexus.admin.MonitorApi;
import dev.nexus.admin.MonitorStream;
import dev.nexus.admin.ProvidersApi;
import dev.nexus.admin.StatusApi;
import dev.nexus.admin.UsageApi;
import dev.nexus.admin.VersionApi;
import dev.nexus.clientkey.ClientKeys;
import dev.nexus.keylimit.BudgetWatcher;
import dev.nexus.config.BuildInfo;
import dev.nexus.config.ConfigException;
import dev.nexus.config.Settings;
import dev.nexus.front.AnthropicFront;
import dev.nexus.front.AnthropicModelsFront;
import dev.nexus.front.GeminiApiProxyFront;
import dev.nexus.front.GenAiFront;
import dev.nexus.front.GenAiModelsFront;
import dev.nexus.front.OpenAiChatFront;
import dev.nexus.front.OpenAiModelsFront;
import dev.nexus.front.ProviderProxyFront;
import dev.nexus.front.ResponsesFront;
import dev.nexus.front.VertexProxyFront;
import dev.nexus.gateway.AccountQuota;
import dev.nexus.gateway.Gateway;
import dev.nexus.gateway.KeyRelay;
import dev.nexus.gateway.ModelCatalog;
import dev.nexus.gateway.ModelResolver;
import dev.nexus.gateway.ModelRoutes;
import dev.nexus.gateway.ProviderPolicy;
import dev.nexus.provider.anthropic.AnthropicProvider;
import dev.nexus.provider.codex.CodexProvider;
import dev.nexus.provider.codex.CodexQuotaWindows;
import dev.nexus.gateway.RequestLimits;
import dev.nexus.gateway.RetryPolicy;
import dev.nexus.gateway.RouteEditor;
import dev.nexus.gateway.TokenCounter;
import dev.nexus.gateway.ToolSignatures;
import dev.nexus.provider.gemini.GeminiApiRelay;
import dev.nexus.provider.vertex.VertexRelay;
import dev.nexus.server.JsonBodies;
import dev.nexus.server.NexusServer;
import dev.nexus.server.Replies;
import dev.nexus.store.SqlLeases;
import dev.nexus.store.SqlStickySessions;
import dev.nexus.store.SqlStoredResponses;
import dev.nexus.store.SqlToolSignatures;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import dev.nexus.selftest.Probes;
import dev.nexus.selftest.SelfTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nexus serve}: the composition root. Builds the object graph by hand, in the order data flows —
 * settings, state, keys and accounts, server — and runs until SIGTERM/SIGINT.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway (the default command).")
public final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    /** How long tool-call signatures are kept for a client's next turn. */
    private static final Duration SIGNATURES_KEPT = Duration.ofHours(24);
    /** How long after the server listens the work no request waits for begins. */
    private static final Duration AFTER_LISTENING = Duration.ofSeconds(2);
    /** A self-test probe asks for a few tokens; one that takes longer than this has failed for the user too. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);
    /** Alert events that may wait for the webhook; they are rare, so a full queue means the receiver is gone. */
    private static final int ALERT_QUEUE = 100;
    /** Deliveries per alert event: the first and three retries, 1 s, 2 s and 4 s apart. */
    private static final int ALERT_TRIES = 4;

    @ParentCommand
    NexusCommand root;

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = root.settings();
        Running running = start(settings, root, root.out(), StandardOutput.isTerminal());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            LOG.info("shutting down: finishing requests in flight (up to {} ms, NEXUS_SHUTDOWN_GRACE)",
                    settings.shutdownGrace().toMillis());
            running.close();
            stopped.countDown();
        }, "nexus-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
        return 0;
    }

    /**
     * Starts a server; tests call this directly with their own settings.
     *
     * @param consoleIsTerminal whether a person reads {@code console} (then a generated first key is printed there)
     */
    public static Running start(Settings settings, NexusCommand root, PrintWriter console, boolean consoleIsTerminal) {
        return start(settings, root, keys -> new FirstClientKey(console, consoleIsTerminal,
                NexusState.besideDatabase(settings, root.workingDirectory(), FirstClientKey.SUFFIX)).ensure(keys));
    }

    /** Starts a server that only its own process uses ({@code nexus doctor}): no first client key is made for it. */
    static Running startWithoutFirstKey(Settings settings, NexusCommand root) {
        return start(settings, root, keys -> {});
    }

    private static Running start(Settings settings, NexusCommand root, Consumer<ClientKeys> firstKey) {
        refuseOpenAdminOnNetwork(settings);
        NexusServer.checkAddress(settings);
        NexusState state = root.openState(settings);
        ScheduledExecutorService poller = null;
        ExecutorService background = null;
        UpstreamClients upstreams = null;
        Monitoring monitoring = null;
        NexusMetrics metrics = null;
        Optional<AlertWebhook> webhook = Optional.empty();
        KeyLimiting keyLimiting = null;
        FleetSync fleet = null;
        try {
            ObjectMapper json = new ObjectMapper();
            metrics = new NexusMetrics();
            webhook = settings.observability().alertWebhook()
                    .map(url -> new AlertWebhook(url, json, ALERT_QUEUE, ALERT_TRIES, Duration.ofSeconds(1)));
            Optional<AlertWebhook> hook = webhook;
            Alerts alerts = new Alerts(alert -> hook.ifPresent(h -> h.offer(alert)), root.clock);
            AttemptMeters attemptMeters = new AttemptMeters(metrics.registry());
            Replies replies = new Replies(json);
            ClientKeys keys = new ClientKeys(state.clientKeys, settings.apiKey(), root.random, root.clock);
            firstKey.accept(keys);
            AccountDirectory accounts = new AccountDirectory(state.accounts);
            BuildInfo build = BuildInfo.load();
            ModelRoutes routes = new ModelRoutes(state.modelRoutes);
            upstreams = new UpstreamClients(settings, json, root.clock);
            background = Executors.newVirtualThreadPerTaskExecutor();
            ExecutorService bg = background;
            SqlCodexAccounts codexAccounts = new SqlCodexAccounts(state.database);
            SqlLeases leases = new SqlLeases(state.database, root.clock);
            SqlStickySessions sticky = new SqlStickySessions(state.database);
            SqlToolSignatures signatureStore = new SqlToolSignatures(state.database);
            TokenRefresher tokens = new TokenRefresher(upstreams.tokenSources(codexAccounts), state.accounts, root.clock, leases);
            CooldownTable cooldowns = new CooldownTable(root.clock, state.cooldowns, bg);
            UpstreamClients.CloudCode cloudCode = upstreams.cloudCode(state.accounts);
            AccountPool pool = new AccountPool(AccountPool.Kind.GOOGLE, accounts, state.accounts, tokens, cooldowns, sticky,
                    PoolStrategy.parse(settings.pool().strategy()), root.clock, bg);
            AccountPool chatgpt = new AccountPool(AccountPool.Kind.CODEX, accounts, state.accounts, tokens, cooldowns, sticky,
                    PoolStrategy.parse(settings.pool().strategy()), root.clock, bg);
            CodexQuotaWindows codexWindows = new CodexQuotaWindows(root.clock);
            ProviderPolicy policy = UpstreamClients.policy(settings);
            AccountAdmin admin = new AccountAdmin(state.accounts);
            // One table of Codex windows: the provider records every answer's, the quota views read them.
            CodexQuotas codexQuotas = upstreams.codexQuotas(state.accounts, codexAccounts, tokens, codexWindows);
            // One ring per key-based upstream, shared by its proxy front and the gateway: rests and the sticky key agree.
            // Each tells the alerts once the upstream has refused all of its keys.
            ApiKeyRing geminiKeys = new ApiKeyRing(GeminiApiRelay.PROVIDER, settings.keyProxies().geminiKeys(), root.clock,
                    alerts, Optional.of(cooldowns));
            ApiKeyRing vertexKeys = new ApiKeyRing(VertexRelay.PROVIDER, settings.keyProxies().vertexKey().stream().toList(),
                    root.clock, alerts, Optional.of(cooldowns));
            ApiKeyRing anthropicKeys = new ApiKeyRing(AnthropicProvider.ID, settings.anthropic().keys(), root.clock, alerts,
                    Optional.of(cooldowns));
            RequestLimits limits = new RequestLimits(settings.limits().maxMessages(), settings.limits().maxParts(),
                    settings.limits().maxTools());
            ModelCatalog catalog = new ModelCatalog(routes, pool, cloudCode.models(), root.clock);
            ModelResolver resolver = new ModelResolver(routes, catalog);
            UpstreamClients.Compat compat = upstreams.compat(Optional.of(cooldowns));
            Map<String, Provider> providers = new HashMap<>(Map.of("google", cloudCode.provider(),
                    GeminiApiRelay.PROVIDER, upstreams.geminiApi.provider(json, root.clock),
                    VertexRelay.PROVIDER, upstreams.vertex.provider(json, root.clock),
                    CodexProvider.ID, upstreams.codex(codexAccounts, codexWindows), AnthropicProvider.ID, upstreams.anthropic()));
            providers.putAll(compat.providers());
            Map<String, CredentialSource<?>> credentials = new HashMap<>(Map.of("google", Gateway.cloudCodeAccounts(pool, catalog),
                    GeminiApiRelay.PROVIDER, geminiKeys, VertexRelay.PROVIDER, vertexKeys, CodexProvider.ID, chatgpt,
                    AnthropicProvider.ID, anthropicKeys));
            credentials.putAll(compat.keys());
            Gateway gateway = new Gateway(resolver, providers, credentials,
                    new ToolSignatures(100_000, SIGNATURES_KEPT, signatureStore, root.clock), policy,
                    new RetryPolicy(settings.pool().maxAttempts(), settings.pool().retryDeadline()), limits,
                    upstreams.http.calls(), root.clock, attemptMeters);
            TokenCounter tokenCounter = new TokenCounter(resolver, policy, pool, Map.of("google", cloudCode.provider()), limits);
            JsonBodies bodies = new JsonBodies(json);
            AtomicReference<URI> self = new AtomicReference<>();
            SelfTest selfTest = new SelfTest(self::get, keys.selfTestKey(),
                    () -> Probes.all(!settings.keyProxies().geminiKeys().isEmpty(), settings.keyProxies().vertexKey().isPresent(),
                            compat.keyVariables(), routes::exampleFor),
                    json, root.clock, PROBE_TIMEOUT);

            AccountWatch accountWatch = new AccountWatch(accounts, alerts);
            poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("nexus-changes").daemon().factory());
            SqlStoredResponses storedResponses = new SqlStoredResponses(state.database);
            TokenSweeper sweeper = new TokenSweeper(accounts, tokens);

            KeyRelay keyRelay = new KeyRelay(json, root.clock, attemptMeters);
            monitoring = new Monitoring(settings.requestLog(), state, root.clock, new RequestMeters(metrics.registry()));
            StateGauges.register(metrics.registry(), accounts, cooldowns, List.of(geminiKeys, vertexKeys),
                    monitoring.writer::dropped, () -> hook.map(AlertWebhook::dropped).orElse(0L),
                    () -> hook.map(AlertWebhook::failed).orElse(0L));
            HttpServerMeters httpMeters = new HttpServerMeters(metrics.registry());
            // On a shared database one instance at a time trims the log.
            Runnable retention = FleetSync.onOneInstance(leases, "request-log-retention", Duration.ofMinutes(10),
                    monitoring.retention);
            fleet = new FleetSync(keys, accounts, accountWatch, routes, cooldowns, List.of(pool, chatgpt), monitoring.feed,
                    monitoring.logs, state.database.origin()).start(state.database, poller);

            Executor guarded = task -> bg.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("background task failed: {}", e.getMessage());
                }
            });
            // Budgets crossing 90 % become alerts.
            keyLimiting = new KeyLimiting(settings, state,
                    (key, budget, used, limit) -> alerts.budgetCrossed(key.name(), budget + " tokens", used, limit), root.clock);
            NexusServer server = NexusServer.start(settings, keys, keyLimiting.gate, replies, state.database::reachable, guarded,
                    monitoring.monitor, httpMeters, List.of(new VersionApi(build, replies), new AccountsApi(accounts, cooldowns, admin, bodies, replies),
                    new LoginApi(upstreams.logins(state.accounts, root.random),
                            upstreams.codexLogins(state.accounts, codexAccounts, root.random), accounts,
                            replies, bodies),
                    new MonitorApi(monitoring.history, monitoring.monitor, monitoring.bodyLogging, settings.requestLog(), bodies, replies),
                    new MonitorStream(monitoring.feed, monitoring.monitor, Duration.ofSeconds(5), Duration.ofSeconds(15)),
                    new UsageApi(monitoring.history, replies, root.clock),
                    new AccountUpstreamApi(accounts, admin, new ManualRefresh(state.accounts, tokens),
                            new AccountQuota(tokens, cloudCode.models()), replies, root.clock),
                    new CodexQuotaApi(admin, accounts, codexQuotas, replies, root.clock),
                    new ModelRoutesApi(routes, new RouteEditor(state.modelRoutes, policy), state.routeSeed, bodies, replies),
                    new ProvidersApi(policy, settings.compatProviders(), replies),
                    new ClientKeysApi(keys, settings.apiKey().isPresent(), bodies, replies, root.clock),
                    new StatusApi(accounts, geminiKeys, vertexKeys, keys, settings.apiKey().isPresent(),
                            settings.adminPassword().isPresent(), replies),
                    new SelfTestApi(selfTest, replies),
                    new AlertsApi(alerts, replies),
                    new MetricsEndpoint(metrics),
                    new OpenAiChatFront(gateway, bodies, replies, root.clock),
                    new ResponsesFront(gateway, storedResponses, limits, bodies, replies, json, root.clock, settings.responsesTtl()),
                    new AnthropicFront(gateway, tokenCounter, bodies, replies, json),
                    new GenAiFront(gateway, tokenCounter, bodies, replies, json),
                    new GenAiModelsFront(catalog, routes, replies),
                    // Before OpenAI's list: it answers /v1/models for requests that carry anthropic-version.
                    new AnthropicModelsFront(catalog, replies),
                    new OpenAiModelsFront(catalog, replies),
                    new CodexQuotaFront(codexQuotas, replies, root.clock),
                    new GeminiApiProxyFront(geminiKeys, upstreams.geminiApi, keyRelay, replies),
                    new VertexProxyFront(vertexKeys, upstreams.vertex, keyRelay, replies),
                    // Last: the server's own paths win over /{provider}/….
                    new ProviderProxyFront(settings.compatProviders(), compat.relays(), compat.rings(), keyRelay, replies)));
            self.set(URI.create("http://" + loopbackAddress(settings.host()) + ":" + server.port()));
            // Work no request waits for starts a moment after the server listens, so it competes neither with start-up nor
            // with the first health checks for the two cores: the upstream client (TLS context included) is built then,
            // usually before the first upstream call needs it (one that comes first builds it), the JVM's meters are
            // bound (a scrape that comes first binds them itself) and the request log's retention runs.
            long settle = AFTER_LISTENING.toMillis();
            Runnable warm = upstreams.http::warm;
            Runnable bindJvm = metrics::bindJvm;
            poller.schedule(() -> {
                bg.execute(warm);
                bg.execute(bindJvm);
            }, settle, TimeUnit.MILLISECONDS);
            poller.scheduleWithFixedDelay(() -> bg.execute(retention), settle, TimeUnit.MINUTES.toMillis(10), TimeUnit.MILLISECONDS);
            poller.scheduleWithFixedDelay(() -> bg.execute(() -> {
                storedResponses.purgeExpired(root.clock.instant());
                sticky.purge(root.clock.instant().minus(AccountPool.STICKY_FOR));
                signatureStore.purge(root.clock.instant().minus(SIGNATURES_KEPT));
            }), 1, 10, TimeUnit.MINUTES);
            poller.scheduleWithFixedDelay(() -> bg.execute(sweeper), 5, 60, TimeUnit.SECONDS);
            LOG.info("nexus {} listening on http://{}:{} (database {}; ready {} ms after the process started)", build.version(),
                    settings.host(), server.port(), settings.database().describe(), sinceProcessStart());
            NexusMetrics meters = metrics;
            FleetSync sync = fleet;
            return new Running(server, state, poller, background, upstreams, monitoring, keyLimiting, selfTest, settings.shutdownGrace(),
                    () -> {
                        sync.close();
                        hook.ifPresent(AlertWebhook::close);
                        meters.close();
                    });
        } catch (RuntimeException e) {
            if (upstreams != null) {
                upstreams.close();
            }
            if (monitoring != null) {
                monitoring.close();
            }
            webhook.ifPresent(AlertWebhook::close);
            if (metrics != null) {
                metrics.close();
            }
            if (keyLimiting != null) {
                keyLimiting.close();
            }
            if (fleet != null) {
                fleet.close();
            }
            if (poller != null) {
                poller.shutdownNow();
            }
            if (background != null) {
                background.shutdownNow();
            }
            state.close();
            throw e;
        }
    }

    /**
     * Without a password the admin API lets anyone who reaches it manage accounts and keys, so it may only
     * listen where nobody else can reach it, unless the operator says a proxy in front guards it.
     */
    static void refuseOpenAdminOnNetwork(Settings settings) {
        if (settings.adminPassword().isPresent() || settings.allowOpenAdmin() || isLoopback(settings.host())) {
            return;
        }
        throw new ConfigException("refusing to listen on HOST=" + settings.host() + " without NEXUS_ADMIN_PASSWORD: "
                + "anyone on the network could manage accounts and keys (set NEXUS_ADMIN_PASSWORD, "
                + "or NEXUS_ALLOW_OPEN_ADMIN=1 if something in front already guards /api)");
    }

    static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new ConfigException("invalid HOST='" + host + "': the name does not resolve (use an address such as 127.0.0.1 or 0.0.0.0)");
        }
    }

    /** Where this process reaches its own server: a wildcard listen address is reached on loopback. */
    static String loopbackAddress(String host) {
        return switch (host) {
            case "", "0.0.0.0" -> "127.0.0.1";
            case "::", "[::]" -> "[::1]";
            default -> host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        };
    }

    /** Milliseconds since the operating system started this process (JVM start included); -1 where it cannot tell. */
    static long sinceProcessStart() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, Instant.now()).toMillis())
                .orElse(-1L);
    }

    static String shutdownMessage(Duration grace) {
        return "Nexus is shutting down: the answer was cut off at the end of the " + grace.toMillis() / 1000.0
                + " s shutdown grace period (NEXUS_SHUTDOWN_GRACE); send the request again";
    }

    /** A started server and what it owns; closing stops it gracefully and releases the database. */
    public static final class Running implements AutoCloseable {
        private final NexusServer server;
        private final NexusState state;
        private final ScheduledExecutorService poller;
        private final ExecutorService background;
        private final UpstreamClients upstreams;
        private final Monitoring monitoring;
        private final KeyLimiting keyLimiting;
        private final SelfTest selfTest;
        private final Duration grace;
        private final Runnable observability;

        /** @param observability closes the alert webhook's sender, the metrics and the change feed of other instances */
        Running(NexusServer server, NexusState state, ScheduledExecutorService poller, ExecutorService background,
                UpstreamClients upstreams, Monitoring monitoring, KeyLimiting keyLimiting, SelfTest selfTest, Duration grace,
                Runnable observability) {
            this.keyLimiting = keyLimiting;
            this.server = server;
            this.state = state;
            this.poller = poller;
            this.background = background;
            this.upstreams = upstreams;
            this.monitoring = monitoring;
            this.selfTest = selfTest;
            this.grace = grace;
            this.observability = observability;
        }

        public int port() {
            return server.port();
        }

        /** The probes of this server's surfaces, as {@code /api/test} runs them. */
        SelfTest selfTest() {
            return selfTest;
        }

        @Override
        public synchronized void close() {
            // Live monitor streams never end on their own: end them first so requests in flight get the grace period.
            monitoring.stopFeed();
            // At the grace deadline every upstream call still open is cut, so each request ends its answer properly (an
            // error event in the client's dialect and the stream's end) and its record is written; the server's own
            // deadline comes a few seconds later and finds nothing left to kill.
            ScheduledFuture<?> cut = poller.schedule(() -> upstreams.http.calls().cutAll(shutdownMessage(grace)),
                    grace.toMillis(), TimeUnit.MILLISECONDS);
            server.close();
            cut.cancel(false);
            // Every request the server let go of has its record in the queue before the writer closes.
            if (!monitoring.monitor.awaitIdle(Duration.ofSeconds(5))) {
                LOG.warn("{} request(s) still had no record 5 s after the server stopped; their records are lost",
                        monitoring.monitor.inFlight());
            }
            monitoring.close();
            observability.run();
            poller.shutdownNow();
            background.shutdown();
            try {
                background.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            upstreams.close();
            keyLimiting.close();
            state.close();
        }
    }
}
