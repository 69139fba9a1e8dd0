package dev.nexus.cli;

import dev.nexus.admin.RouteJson;
import dev.nexus.config.Settings;
import dev.nexus.gateway.ModelRoute;
import dev.nexus.gateway.RouteDraft;
import dev.nexus.gateway.RouteEditor;
import dev.nexus.gateway.RouteRefusedException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nexus routes list|set|remove}: the model routes, on the same database the server uses. */
@Command(name = "routes", mixinStandardHelpOptions = true,
        description = "Manage model routes (client model -> provider and target model). A running server picks changes up within 2 s.")
final class RoutesCommand {
    @ParentCommand
    NexusCommand root;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List routes in the order they are matched.")
    int list(@Option(names = "--json", description = "Print a JSON array of {id, client_model, target_provider, target_model, fallbacks, is_active}.") boolean json) {
        try (NexusState state = root.openState(root.settings())) {
            List<ModelRoute> routes = state.modelRoutes.list();
            PrintWriter out = root.out();
            if (json) {
                out.println(RouteJson.array(routes).toPrettyString());
                out.flush();
            } else if (routes.isEmpty()) {
                out.println("No routes: every model name goes to Google (Cloud Code) as it is. Add one with: nexus routes set CLIENT TARGET");
                out.flush();
            } else {
                Table table = new Table("CLIENT", "PROVIDER", "TARGET", "FALLBACKS", "ACTIVE", "ID");
                for (ModelRoute r : routes) {
                    table.row(r.clientModel(), r.provider(), r.targetModel(), r.fallbacks().isEmpty() ? "-" : String.join(", ", r.fallbacks()),
                            r.active() ? "yes" : "no", r.id());
                }
                table.print(out);
            }
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Route CLIENT to TARGET (adds the route, or replaces the one for the same client model and provider).")
    int set(@Parameters(index = "0", paramLabel = "CLIENT", description = "The model name clients send.") String client,
            @Parameters(index = "1", paramLabel = "TARGET", description = "The model to ask the provider for.") String target,
            @Option(names = "--provider", paramLabel = "P", defaultValue = "google", description = "The provider (default: ${DEFAULT-VALUE}).") String provider,
            @Option(names = "--fallback", paramLabel = "M", split = ",", arity = "1..*",
                    description = "Models of the same provider to try, in order, when every account is cooling for TARGET (repeat or separate with commas).") List<String> fallbacks) {
        RouteEditor.Written written = edit(editor -> editor.set(new RouteDraft(client, provider, target,
                fallbacks == null ? List.of() : fallbacks, true)));
        ModelRoute r = written.route();
        root.out().println((written.created() ? "Added" : "Updated") + " route " + r.clientModel() + " -> " + r.provider() + "/"
                + r.targetModel() + (r.fallbacks().isEmpty() ? "" : " (fallbacks: " + String.join(", ", r.fallbacks()) + ")") + ".");
        root.out().flush();
        return 0;
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove the routes of a client model.")
    int remove(@Parameters(paramLabel = "CLIENT", description = "The client model name (see: nexus routes list).") String client,
               @Option(names = "--provider", paramLabel = "P", description = "Only the route to this provider.") String provider) {
        List<ModelRoute> removed = edit(editor -> editor.removeClient(client, Optional.ofNullable(provider)));
        for (ModelRoute r : removed) {
            root.out().println("Removed route " + r.clientModel() + " -> " + r.provider() + "/" + r.targetModel() + ".");
        }
        root.out().flush();
        return 0;
    }

    private <T> T edit(Function<RouteEditor, T> change) {
        Settings settings = root.settings();
        try (NexusState state = root.openState(settings)) {
            return change.apply(new RouteEditor(state.modelRoutes, UpstreamClients.policy(settings)));
        } catch (RouteRefusedException e) {
            throw new Failures.UserError(e.getMessage());
        }
    }
}
