package dev.nexus.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.account.AccountRepository;
import dev.nexus.account.CodexAccounts;
import dev.nexus.account.TokenRefresher;
import dev.nexus.gateway.CodexQuotas;
import dev.nexus.provider.codex.CodexUsage;
import dev.nexus.account.TokenSource;
import dev.nexus.account.codex.CodexTokens;
import dev.nexus.provider.codex.CodexProvider;
import dev.nexus.provider.codex.CodexQuotaWindows;
import dev.nexus.account.oauth.CodexLogin;
import dev.nexus.account.oauth.GoogleLogin;
import dev.nexus.account.oauth.GoogleOAuthClient;
import dev.nexus.account.oauth.GoogleTokens;
import dev.nexus.account.oauth.LoginFlows;
import dev.nexus.account.oauth.OAuthClients;
import dev.nexus.account.oauth.OpenAiOAuthClient;
import dev.nexus.account.oauth.Logins;
import dev.nexus.account.ApiKeyRing;
import dev.nexus.account.CooldownTable;
import java.util.Optional;
import dev.nexus.config.CompatCatalog;
import dev.nexus.config.Settings;
import dev.nexus.provider.Provider;
import dev.nexus.provider.openaicompat.BilingualCompatProvider;
import dev.nexus.provider.RelayTransport;
import dev.nexus.provider.openaicompat.CompatEndpoint;
import dev.nexus.provider.openaicompat.OpenAiCompatProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.nexus.gateway.ProviderPolicy;
import dev.nexus.gateway.ProviderSpec;
import dev.nexus.provider.anthropic.AnthropicProvider;
import dev.nexus.provider.anthropic.AnthropicUpstream;
import dev.nexus.provider.cloudcode.CloudCodeModels;
import dev.nexus.provider.cloudcode.CloudCodeProjects;
import dev.nexus.provider.cloudcode.CloudCodeProvider;
import dev.nexus.provider.cloudcode.CodeAssistSetup;
import dev.nexus.provider.gemini.GeminiApiRelay;
import dev.nexus.provider.vertex.VertexRelay;
import dev.nexus.upstream.UpstreamHttp;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The clients for Google's endpoints, built from settings the same way for the server and the CLI. */
final class UpstreamClients implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamClients.class);
    final UpstreamHttp http;
    final GoogleOAuthClient google;
    /** OpenAI's token endpoint, for ChatGPT (Codex) logins and refreshes. */
    final OpenAiOAuthClient openai;
    final OAuthClients oauthClients;
    final CodeAssistSetup codeAssist;
    final GeminiApiRelay geminiApi;
    final VertexRelay vertex;
    private final Settings settings;
    private final ObjectMapper json;
    private final Clock clock;
    private final List<Logins> logins = new CopyOnWriteArrayList<>();

    UpstreamClients(Settings settings, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        Settings.Upstreams up = settings.upstreams();
        // HTTP/1.1: Cloud Code is spoken over HTTP/1.1 by its own clients, and it keeps connection reuse simple.
        this.http = new UpstreamHttp(Duration.ofSeconds(10));
        this.google = new GoogleOAuthClient(http, json, clock, up.googleTokenUrl(), up.googleUserinfoUrl());
        this.oauthClients = oauthClients(settings);
        this.openai = new OpenAiOAuthClient(http, json, clock, up.openaiTokenUrl());
        this.codeAssist = new CodeAssistSetup(http, json, up.cloudCodeBaseUrls(), up.antigravityUserAgent(), Duration.ofSeconds(2));
        this.geminiApi = new GeminiApiRelay(http, up.geminiBaseUrl(), settings.keyProxies().geminiTimeout());
        this.vertex = new VertexRelay(http, up.vertexBaseUrl(), settings.keyProxies().vertexTimeout());
    }

    /** Each ChatGPT account's Codex windows: those {@code windows} saw, else the backend's usage endpoint. */
    CodexQuotas codexQuotas(AccountRepository accounts, CodexAccounts codexAccounts, TokenRefresher tokens, CodexQuotaWindows windows) {
        return new CodexQuotas(accounts, codexAccounts, tokens, windows, new CodexUsage(http, json, settings.upstreams().codexBaseUrl()));
    }

    /** The OAuth client profiles: the built-in ones, and custom from GOOGLE_CLIENT_ID/GOOGLE_CLIENT_SECRET. */
    static OAuthClients oauthClients(Settings settings) {
        return new OAuthClients(settings.upstreams().googleClientId(), settings.upstreams().googleClientSecret());
    }

    /** Cloud Code's provider and model lists, sharing one table of the accounts' projects. */
    record CloudCode(CloudCodeProvider provider, CloudCodeModels models) {}

    /** Cloud Code for the accounts in {@code accounts}: their projects are read from there, or discovered and stored. */
    CloudCode cloudCode(AccountRepository accounts) {
        Settings.Upstreams up = settings.upstreams();
        CloudCodeProjects projects = new CloudCodeProjects(codeAssist, accounts);
        return new CloudCode(new CloudCodeProvider(http, json, clock, up.cloudCodeBaseUrls(), up.antigravityUserAgent(), projects),
                new CloudCodeModels(http, json, up.cloudCodeBaseUrls(), up.antigravityUserAgent(), projects));
    }

    /**
     * How each provider renews its accounts' tokens: Google's OAuth clients, and OpenAI's for ChatGPT accounts (whose
     * linked Codex CLI files are read and written through {@code codexAccounts}).
     */
    List<TokenSource> tokenSources(CodexAccounts codexAccounts) {
        return List.of(new GoogleTokens(google, oauthClients), new CodexTokens(openai, codexAccounts, clock));
    }

    /**
     * The providers this build serves, for the route policy of the server and the CLI alike: Google and Codex always
     * (both served by linked accounts, which can be added while the server runs, as the Go original lists them); the
     * key-based upstreams when their keys are configured.
     */
    static ProviderPolicy policy(Settings settings) {
        List<ProviderSpec> providers = new java.util.ArrayList<>(List.of(ProviderSpec.GOOGLE, ProviderSpec.CODEX));
        if (!settings.keyProxies().geminiKeys().isEmpty()) {
            providers.add(ProviderSpec.GEMINI);
        }
        if (settings.keyProxies().vertexKey().isPresent()) {
            providers.add(ProviderSpec.VERTEX);
        }
        if (!settings.anthropic().keys().isEmpty()) {
            providers.add(ProviderSpec.ANTHROPIC);
        }
        for (CompatCatalog.Entry entry : settings.compatProviders().entries()) {
            if (serves(entry)) {
                providers.add(ProviderSpec.openAiCompatible(entry.id(), entry.scope() == CompatCatalog.Scope.ALL_MODELS
                        ? ProviderSpec.ModelScope.ALL_MODELS : ProviderSpec.ModelScope.UNKNOWN_PREFIX_ONLY));
            }
        }
        return ProviderPolicy.of(providers);
    }

    /**
     * Google logins that store into {@code accounts}, with their own table of pending attempts (one per process:
     * the server builds this once). Closing these clients closes their callback listeners.
     */
    Logins logins(AccountRepository accounts, SecureRandom random) {
        LoginFlows flows = new LoginFlows(clock, random, LoginFlows.LIFETIME);
        Logins created = new Logins(new GoogleLogin(flows, google, codeAssist, accounts, settings.upstreams().googleAuthUrl()),
                oauthClients, settings.oauthCallbackPort());
        logins.add(created);
        return created;
    }

    /** ChatGPT logins that store into {@code accounts}, with their own pending attempts; closed with these clients. */
    Logins codexLogins(AccountRepository accounts, CodexAccounts codexAccounts, SecureRandom random) {
        LoginFlows flows = new LoginFlows(clock, random, LoginFlows.LIFETIME);
        Logins created = Logins.codex(flows, new CodexLogin(openai, accounts, codexAccounts, settings.upstreams().openaiAuthUrl()),
                settings.codexCallbackPort());
        logins.add(created);
        return created;
    }

    /** ChatGPT accounts through the Codex backend, recording each answer's usage windows in {@code windows}. */
    CodexProvider codex(CodexAccounts codexAccounts, CodexQuotaWindows windows) {
        return new CodexProvider(http, json, clock, settings.upstreams().codexBaseUrl(), codexAccounts, windows);
    }

    /** The built-in Anthropic API provider; its keys are the ring the gateway holds under the same id. */
    AnthropicProvider anthropic() {
        Settings.Anthropic anthropic = settings.anthropic();
        return new AnthropicProvider(http, json, clock, new AnthropicUpstream(AnthropicProvider.ID, "Anthropic API",
                anthropic.baseUrl(), java.util.Map.of(), anthropic.timeout(), "NEXUS_ANTHROPIC_API_KEYS",
                AnthropicUpstream.KeyHeader.X_API_KEY));
    }

    /** An entry this build can route to: it can serve, and speaks Chat Completions or Anthropic Messages. */
    private static boolean serves(CompatCatalog.Entry entry) {
        return entry.runtimeEnabled() && (entry.speaks(CompatCatalog.OPENAI_CHAT) || entry.speaks(CompatCatalog.ANTHROPIC_MESSAGES));
    }

    /**
     * The provider of a catalog entry, by what it speaks: Chat Completions (the OpenAI dialect and its fast path),
     * Anthropic Messages (the Anthropic dialect and its pass-through, the key as a bearer token, as OpenRouter takes
     * it), or both (each client relayed to the endpoint of its own API).
     */
    private Provider compatProvider(CompatCatalog.Entry entry) {
        OpenAiCompatProvider chat = new OpenAiCompatProvider(http, json, clock, new CompatEndpoint(entry.id(),
                entry.baseUrl().orElseThrow(), entry.staticHeaders(), entry.timeout(), entry.keyVariable()));
        if (!entry.speaks(CompatCatalog.ANTHROPIC_MESSAGES)) {
            return chat;
        }
        AnthropicProvider messages = new AnthropicProvider(http, json, clock, new AnthropicUpstream(entry.id(), entry.id(),
                entry.baseUrl().orElseThrow(), entry.staticHeaders(), entry.timeout(), entry.keyVariable(),
                AnthropicUpstream.KeyHeader.BEARER));
        return entry.speaks(CompatCatalog.OPENAI_CHAT) ? new BilingualCompatProvider(chat, messages) : messages;
    }

    /**
     * The catalog's providers that can serve (enabled, with a base URL and a key), by id: those the gateway routes to
     * (they speak Chat Completions) with each one's key ring and key variable, and the pass-through of every one of
     * them ({@code relays}, aimed at the root URL, on {@code rings}: the gateway's ring where it has one).
     */
    record Compat(Map<String, Provider> providers, Map<String, ApiKeyRing> keys, Map<String, String> keyVariables,
            Map<String, RelayTransport> relays, Map<String, ApiKeyRing> rings) {}

    /**
     * Builds the catalog's providers, logging what was skipped and which ones serve (keys masked).
     *
     * @param cooldowns where the keys' rests are shared with the other instances on the database
     */
    Compat compat(Optional<CooldownTable> cooldowns) {
        CompatCatalog catalog = settings.compatProviders();
        catalog.warnings().forEach(LOG::warn);
        Map<String, Provider> providers = new LinkedHashMap<>();
        Map<String, ApiKeyRing> keys = new LinkedHashMap<>();
        Map<String, String> keyVariables = new LinkedHashMap<>();
        Map<String, RelayTransport> relays = new LinkedHashMap<>();
        Map<String, ApiKeyRing> rings = new LinkedHashMap<>();
        for (CompatCatalog.Entry entry : catalog.entries()) {
            if (!entry.runtimeEnabled()) {
                continue;
            }
            ApiKeyRing ring = new ApiKeyRing(entry.id(), entry.apiKeys(), clock, (p, n, reason) -> {}, cooldowns);
            rings.put(entry.id(), ring);
            relays.put(entry.id(), new RelayTransport(http, entry.id() + " API", entry.rootUrl().orElseThrow(), entry.timeout(),
                    RelayTransport.KeyHeader.BEARER, entry.staticHeaders()));
            if (!serves(entry)) {
                LOG.info("OpenAI-compatible provider {} at {}: pass-through only (it declares neither {} nor {})", entry.id(),
                        entry.baseUrl().get(), CompatCatalog.OPENAI_CHAT, CompatCatalog.ANTHROPIC_MESSAGES);
                continue;
            }
            providers.put(entry.id(), compatProvider(entry));
            keys.put(entry.id(), ring);
            keyVariables.put(entry.id(), entry.keyVariable());
            LOG.info("OpenAI-compatible provider {} at {} with {} key(s) {}", entry.id(), entry.baseUrl().get(), ring.size(), ring.masked());
        }
        LOG.info("OpenAI-compatible catalog from {}: {} of {} provider(s) can serve", catalog.source(), providers.size(),
                catalog.entries().size());
        return new Compat(providers, keys, keyVariables, relays, rings);
    }

    @Override
    public void close() {
        logins.forEach(Logins::close);
        http.close();
    }
}
