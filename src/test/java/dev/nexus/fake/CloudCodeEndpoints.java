package dev.nexus.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Routes {@code /v1internal:{method}} and {@code /v1internal/operations/{id}}, applying what every Cloud Code
 * call shares — bearer authentication, account suspension and verification walls, JSON parsing — before
 * handing the call to the piece that knows the method.
 */
final class CloudCodeEndpoints implements Endpoints {
    static final String PREFIX = "/v1internal";
    private static final String OPERATIONS = PREFIX + "/operations/";
    private static final Set<String> TELEMETRY = Set.of("listExperiments", "recordCodeAssistMetrics", "recordClientEvent",
            "fetchAdminControls", "getCodeAssistGlobalUserSetting", "setCodeAssistGlobalUserSetting", "retrieveUserQuotaSummary");
    // Calls that need a verified account; discovery still answers, describing the wall in ineligibleTiers.
    private static final Set<String> NEEDS_VERIFIED = Set.of("generateContent", "streamGenerateContent", "countTokens", "onboardUser");

    private final Accounts accounts;
    private final Tokens tokens;
    private final AdjustableClock clock;
    private final Generation generation;
    private final CodeAssistSetup setup;
    private final ModelCatalog catalog;

    CloudCodeEndpoints(Accounts accounts, Tokens tokens, AdjustableClock clock, Generation generation,
            CodeAssistSetup setup, ModelCatalog catalog) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.clock = clock;
        this.generation = generation;
        this.setup = setup;
        this.catalog = catalog;
    }

    @Override
    public boolean serves(String path) {
        return path.startsWith(PREFIX + ":") || path.startsWith(OPERATIONS);
    }

    @Override
    public void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
        String method = request.path().startsWith(OPERATIONS) ? "getOperation" : request.path().substring(PREFIX.length() + 1);
        if (!known(method)) {
            Exchanges.error(exchange, GoogleErrors.notFound("Method not found."), null, clock.now());
            return;
        }
        AccountState account = authenticate(exchange, request, method);
        if (account == null) {
            return;
        }
        if (account.suspended()) {
            Exchanges.error(exchange, GoogleErrors.termsOfServiceViolation(), null, clock.now());
            return;
        }
        if (account.validationLink() != null && NEEDS_VERIFIED.contains(method)) {
            Exchanges.error(exchange, GoogleErrors.validationRequired(account.validationLink()), null, clock.now());
            return;
        }
        JsonNode body = request.body().isBlank() ? Json.object() : Json.tryParse(request.body()).orElse(null);
        if (body == null || !body.isObject()) {
            Exchanges.error(exchange, GoogleErrors.invalidArgument("Invalid JSON payload received. Unexpected token."), null, clock.now());
            return;
        }
        dispatch(method, new CloudCall(exchange, request, account, body, clock.now()));
    }

    private void dispatch(String method, CloudCall call) throws IOException {
        switch (method) {
            case "generateContent" -> generation.generate(call, false);
            case "streamGenerateContent" -> generation.generate(call, true);
            case "countTokens" -> generation.countTokens(call);
            case "loadCodeAssist" -> setup.loadCodeAssist(call);
            case "onboardUser" -> setup.onboardUser(call);
            case "getOperation" -> setup.operation(call, call.request().path().substring(PREFIX.length() + 1));
            case "fetchAvailableModels" -> catalog.fetchAvailableModels(call);
            case "retrieveUserQuota" -> catalog.retrieveUserQuota(call);
            default -> call.ok(Json.object());
        }
    }

    private static boolean known(String method) {
        return TELEMETRY.contains(method) || switch (method) {
            case "generateContent", "streamGenerateContent", "countTokens", "loadCodeAssist", "onboardUser", "getOperation",
                    "fetchAvailableModels", "retrieveUserQuota" -> true;
            default -> false;
        };
    }

    /** The caller's account, or null after answering 401 in Google's words. */
    private AccountState authenticate(HttpExchange exchange, RecordedRequest request, String method) throws IOException {
        String reason;
        switch (tokens.check(request.header("authorization"))) {
            case Tokens.Bearer.Valid valid -> {
                return accounts.get(valid.email());
            }
            case Tokens.Bearer.Missing missing -> reason = "CREDENTIALS_MISSING";
            case Tokens.Bearer.Expired expired -> reason = "ACCESS_TOKEN_EXPIRED";
            case Tokens.Bearer.Unknown unknown -> reason = "ACCESS_TOKEN_TYPE_UNSUPPORTED";
        }
        String rpc = method.substring(0, 1).toUpperCase(Locale.ROOT) + method.substring(1);
        GoogleError error = GoogleErrors.unauthenticated(reason, rpc);
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\"");
        Exchanges.error(exchange, error, null, clock.now());
        return null;
    }
}
