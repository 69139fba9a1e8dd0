package dev.nexus.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.clientkey.ClientKey;
import dev.nexus.clientkey.ClientKeys;
import dev.nexus.admin.KeyPolicyJson;
import dev.nexus.clientkey.IssuedKey;
import dev.nexus.clientkey.KeyPolicy;
import dev.nexus.config.Settings;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nexus keys create|list|update|revoke}: the client API keys and their policies, on the server's database. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage client API keys.")
final class KeysCommand {
    @ParentCommand
    NexusCommand root;

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key. The full key is printed once; only its hash is stored.")
    int create(@Option(names = "--name", defaultValue = "default", description = "A label for the key (default: ${DEFAULT-VALUE}).") String name,
               @Mixin KeyPolicyOptions policy,
               @Option(names = "--json", description = "Print {\"id\",\"name\",\"key\"} and the key's policy as JSON.") boolean json) {
        try (NexusState state = root.openState(root.settings())) {
            KeyPolicy limits = policy.apply(KeyPolicy.UNLIMITED, root.clock.instant());
            IssuedKey issued = keys(state, root.settings()).issue(name.trim().isEmpty() ? "default" : name.trim(), limits);
            PrintWriter out = root.out();
            if (json) {
                ObjectNode node = root.json.createObjectNode();
                node.put("id", issued.key().id());
                node.put("name", issued.key().name());
                node.put("key", issued.fullKey());
                KeyPolicyJson.write(node, issued.key().policy());
                out.println(node.toPrettyString());
            } else {
                out.println("Created key " + issued.key().id() + " (" + issued.key().name() + "):");
                out.println();
                out.println("    " + issued.fullKey());
                out.println();
                out.println("Copy it now: Nexus stores only its hash and cannot show it again.");
                out.println("Limits: " + describe(issued.key().policy()));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (prefixes only).")
    int list(@Option(names = "--json", description = "Print a JSON array.") boolean json) {
        try (NexusState state = root.openState(root.settings())) {
            List<ClientKey> all = state.clientKeys.list();
            PrintWriter out = root.out();
            if (json) {
                ArrayNode array = root.json.createArrayNode();
                for (ClientKey k : all) {
                    ObjectNode node = array.addObject();
                    node.put("id", k.id());
                    node.put("name", k.name());
                    node.put("prefix", k.prefix());
                    node.put("created_at", k.createdAt().toString());
                    putTime(node, "last_used_at", k.lastUsedAt());
                    putTime(node, "revoked_at", k.revokedAt());
                    KeyPolicyJson.write(node, k.policy());
                }
                out.println(array.toPrettyString());
                out.flush();
            } else if (all.isEmpty()) {
                out.println("No keys. Create one with: nexus keys create --name NAME");
                out.flush();
            } else {
                Table table = new Table("ID", "NAME", "PREFIX", "CREATED", "LAST USED", "STATUS", "LIMITS");
                for (ClientKey k : all) {
                    table.row(k.id(), k.name(), k.prefix() + "…", k.createdAt().toString(),
                            k.lastUsedAt().map(Instant::toString).orElse("never"), status(k), describe(k.policy()));
                }
                table.print(out);
            }
            return 0;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Change a key's name or policy; options left out keep their value, none clears a limit.")
    int update(@Parameters(paramLabel = "ID", description = "The key id (see: nexus keys list).") String id,
               @Option(names = "--name", description = "A new label for the key.") String name,
               @Mixin KeyPolicyOptions policy,
               @Option(names = "--json", description = "Print the key as JSON.") boolean json) {
        try (NexusState state = root.openState(root.settings())) {
            ClientKeys keys = keys(state, root.settings());
            ClientKey current = keys.find(id.trim()).filter(k -> !k.revoked())
                    .orElseThrow(() -> new Failures.UserError("no active key with id '" + id + "' (see: nexus keys list)"));
            String newName = name == null || name.isBlank() ? current.name() : name.trim();
            ClientKey updated = keys.update(current.id(), newName, policy.apply(current.policy(), root.clock.instant()))
                    .orElseThrow(() -> new Failures.UserError("no active key with id '" + id + "' (see: nexus keys list)"));
            PrintWriter out = root.out();
            if (json) {
                ObjectNode node = root.json.createObjectNode();
                node.put("id", updated.id());
                node.put("name", updated.name());
                node.put("prefix", updated.prefix());
                KeyPolicyJson.write(node, updated.policy());
                out.println(node.toPrettyString());
            } else {
                out.println("Updated " + updated.id() + " (" + updated.name() + "): " + describe(updated.policy()));
            }
            out.flush();
            return 0;
        }
    }

    private String status(ClientKey key) {
        if (key.revoked()) {
            return "revoked";
        }
        if (!key.policy().enabled()) {
            return "disabled";
        }
        return key.policy().expired(root.clock.instant()) ? "expired" : "active";
    }

    /** The limits in one line, for the table and confirmations. */
    static String describe(KeyPolicy policy) {
        List<String> parts = new ArrayList<>();
        if (!policy.models().isEmpty()) {
            parts.add("models " + String.join(",", policy.models()));
        }
        policy.requestsPerMinute().ifPresent(n -> parts.add(n + " rpm"));
        policy.tokensPerMinute().ifPresent(n -> parts.add(n + " tpm"));
        policy.concurrency().ifPresent(n -> parts.add(n + " at once"));
        policy.dailyTokens().ifPresent(n -> parts.add(n + " tokens/day"));
        policy.monthlyTokens().ifPresent(n -> parts.add(n + " tokens/month"));
        policy.expiresAt().ifPresent(at -> parts.add("expires " + at));
        if (!policy.enabled()) {
            parts.add("disabled");
        }
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key; clients using it are refused within seconds.")
    int revoke(@Parameters(paramLabel = "ID", description = "The key id (see: nexus keys list).") String id) {
        try (NexusState state = root.openState(root.settings())) {
            if (!keys(state, root.settings()).revoke(id.trim())) {
                throw new Failures.UserError("no active key with id '" + id + "' (see: nexus keys list)");
            }
            root.out().println("Revoked " + id.trim() + ".");
            root.out().flush();
            return 0;
        }
    }

    private ClientKeys keys(NexusState state, Settings settings) {
        return new ClientKeys(state.clientKeys, settings.apiKey(), root.random, root.clock);
    }

    private static void putTime(ObjectNode node, String field, Optional<Instant> time) {
        if (time.isPresent()) {
            node.put(field, time.get().toString());
        } else {
            node.putNull(field);
        }
    }
}
