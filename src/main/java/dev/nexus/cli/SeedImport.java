package dev.nexus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.account.Account;
import dev.nexus.account.AccountRepository;
import dev.nexus.account.AccountState;
import dev.nexus.account.NewAccount;
import dev.nexus.account.oauth.OAuthClients;
import dev.nexus.clientkey.ClientKeys;
import dev.nexus.gateway.ModelRoute;
import dev.nexus.gateway.ProviderPolicy;
import dev.nexus.store.GoDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code accounts import --seed-db}: the Go version's accounts, model routes and API key, translated to Nexus's.
 * Accounts are upserted by provider and email (so importing twice updates), keep the Go version's active flag (as
 * DISABLED, with the reason) and primary account; tokens are re-encrypted by the store. The routes replace Nexus's
 * and are marked as seeded, so the routes file does not overwrite them at the next start. The API key becomes a
 * client key stored by hash, so clients keep working with it.
 */
final class SeedImport {
    static final String KEY_NAME = "imported from Go nexus.db";
    static final String INACTIVE = "inactive in the Go database";

    private final NexusState state;
    private final ClientKeys keys;
    private final ProviderPolicy policy;
    private final ObjectMapper json;
    private final PrintWriter out;

    SeedImport(NexusState state, ClientKeys keys, ProviderPolicy policy, ObjectMapper json, PrintWriter out) {
        this.state = state;
        this.keys = keys;
        this.policy = policy;
        this.json = json;
        this.out = out;
    }

    /** Imports everything and prints what happened; false when nothing at all could be imported. */
    boolean apply(GoDatabase.Contents contents, Path source) {
        out.println("Importing from the Go database " + source + ":");
        int accounts = importAccounts(contents.accounts());
        int routes = importRoutes(contents.routes(), source);
        boolean key = importApiKey(contents);
        return accounts + routes > 0 || key;
    }

    private record Imported(String id, GoDatabase.GoAccount row, boolean created) {}

    private int importAccounts(List<GoDatabase.GoAccount> rows) {
        List<Imported> imported = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (GoDatabase.GoAccount row : rows) {
            String label = "account " + (row.email().isEmpty() ? "row " + row.id() : row.email());
            String provider = row.provider().trim().toLowerCase(Locale.ROOT);
            if (!provider.isEmpty() && !provider.equals(Account.GOOGLE)) {
                skipped.add("Skipped " + label + ": provider '" + row.provider() + "' is not one Nexus imports (only Google accounts).");
            } else if (row.email().isEmpty()) {
                skipped.add("Skipped " + label + ": it has no email.");
            } else if (row.refreshToken().isEmpty()) {
                skipped.add("Skipped " + label + ": it has no refresh token (log it in again, then import).");
            } else {
                AccountRepository.Upserted result = state.accounts.upsert(account(row));
                imported.add(new Imported(result.account().id(), row, result.created()));
            }
        }
        imported.stream().filter(i -> i.row().primary()).findFirst().ifPresent(i -> state.accounts.setPrimary(i.id()));
        imported.stream().filter(i -> !i.row().active())
                .forEach(i -> state.accounts.setState(i.id(), AccountState.DISABLED, Optional.of(INACTIVE)));
        for (Imported i : imported) {
            out.println(AccountsImportCommand.describe(state.accounts.find(i.id()).orElseThrow(), i.created()) + ".");
        }
        skipped.forEach(out::println);
        long created = imported.stream().filter(Imported::created).count();
        out.println("Accounts: " + created + " imported, " + (imported.size() - created) + " updated, " + skipped.size()
                + " skipped.");
        return imported.size();
    }

    /** The Go version logs in with Antigravity's public client, so its accounts' tokens are antigravity's. */
    private NewAccount account(GoDatabase.GoAccount row) {
        JsonNode metadata = row.metadata().map(this::parse).orElseGet(json::createObjectNode);
        return new NewAccount(Account.GOOGLE, row.email(), row.refreshToken().orElseThrow(), row.accessToken(),
                row.expiresAt(), text(metadata, "project_id"), text(metadata, "subscription_tier"),
                Optional.of(OAuthClients.ANTIGRAVITY));
    }

    /**
     * Go model routes in their order; the first of duplicate (client model, provider) pairs wins, as in Go. A route
     * whose names break Nexus's rules (the Go version checked none) is skipped with a line naming it: the import
     * carries over what it can, as it does for accounts.
     */
    private int importRoutes(List<GoDatabase.GoRoute> rows, Path source) {
        if (rows.isEmpty()) {
            out.println("Model routes: none in the Go database; Nexus's routes are unchanged.");
            return 0;
        }
        List<ModelRoute> routes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int unusable = 0;
        for (int i = 0; i < rows.size(); i++) {
            GoDatabase.GoRoute row = rows.get(i);
            String provider = row.targetProvider().isBlank() ? Account.GOOGLE : row.targetProvider().trim().toLowerCase(Locale.ROOT);
            if (row.clientModel().isBlank() || row.targetModel().isBlank() || !seen.add(row.clientModel() + "\n" + provider)) {
                unusable++;
                continue;
            }
            Optional<String> problem = policy.routeProblem(row.clientModel(), provider, row.targetModel(), List.of(),
                    ProviderPolicy.RouteFields.API);
            if (problem.isPresent()) {
                out.println("Skipped model route " + (i + 1) + " of " + rows.size() + " (to provider " + provider + "): "
                        + problem.get() + ".");
                unusable++;
                continue;
            }
            routes.add(new ModelRoute(UUID.randomUUID().toString(), row.clientModel(), provider, row.targetModel(), List.of(),
                    row.active()));
        }
        state.modelRoutes.replaceAll(routes);
        state.settings.put(NexusState.ROUTES_SEEDED, "go database " + source);
        long inactive = routes.stream().filter(r -> !r.active()).count();
        out.println("Model routes: " + routes.size() + " imported (" + inactive + " inactive), replacing Nexus's; the routes"
                + " file will not overwrite them" + (unusable == 0 ? "" : "; " + unusable + " skipped (blank, duplicate or invalid)")
                + ".");
        return routes.size();
    }

    private boolean importApiKey(GoDatabase.Contents contents) {
        if (contents.apiKey().isEmpty()) {
            out.println("API key: none in the Go database.");
            return false;
        }
        String key = contents.apiKey().get().reveal();
        if (key.length() > ClientKeys.MAX_KEY_LENGTH) {
            out.println("API key: skipped, it is longer than " + ClientKeys.MAX_KEY_LENGTH + " characters.");
            return false;
        }
        ClientKeys.Adoption adoption = keys.adopt(KEY_NAME, key);
        var k = adoption.key();
        if (adoption.added()) {
            out.println("API key: imported as client key " + k.id() + " \"" + k.name() + "\" (" + k.prefix()
                    + "…); clients keep using it. Only its hash is stored.");
        } else if (k.revoked()) {
            out.println("API key: skipped, it is client key " + k.id() + ", which was revoked; it stays revoked.");
        } else {
            out.println("API key: skipped, already present as client key " + k.id() + " \"" + k.name() + "\".");
        }
        return adoption.added();
    }

    private JsonNode parse(String metadata) {
        try {
            JsonNode node = json.readTree(metadata);
            return node != null && node.isObject() ? node : json.createObjectNode();
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText().trim()) : Optional.empty();
    }
}
