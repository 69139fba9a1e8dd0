package dev.nexus.gateway;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a client model name means, in this order: an exact route, a wildcard route ({@link ModelRoutes}), and — for a
 * name no route takes, which goes to Cloud Code — the live catalog ({@link ModelCatalog}): the exact id, else the
 * nearest model of the same family ({@link ModelSeries}), else the nearest family of the same vendor, else (Claude
 * only) the Gemini family of the same size. A name none of these resolves is refused before any upstream call. With no
 * catalog known (no account could list its models yet) an unrouted name goes upstream as sent, as before catalogs:
 * a catalog outage must not block traffic.
 */
public final class ModelResolver {
    private final ModelRoutes routes;
    private final ModelCatalog catalog;

    public ModelResolver(ModelRoutes routes, ModelCatalog catalog) {
        this.routes = routes;
        this.catalog = catalog;
    }

    /** How a client name was decided. */
    public sealed interface Resolution {
        /**
         * @param why the rule that decided, for {@code X-Nexus-Route} (e.g. {@code route}, {@code catalog},
         *     {@code family claude-opus, nearest version})
         */
        record Resolved(ModelRoutes.Target target, String why) implements Resolution {}

        /** Nothing resolves the name; the message names it and lists what is available. */
        record Unknown(String message) implements Resolution {}
    }

    /**
     * @param thinking whether the client asked for thinking (by the request's reasoning settings or the name): a
     *     {@code -thinking} variant is preferred then, a plain one otherwise, where the catalog has both
     */
    public Resolution resolve(String clientModel, boolean thinking) {
        if (ModelRoutes.isGlob(clientModel)) {
            // Globs belong in routes; as a request's model a * is no id, and the gateway's id check refuses it (400).
            return new Resolution.Resolved(passThrough(clientModel), "not a model id");
        }
        Optional<ModelRoutes.Match> match = routes.match(clientModel);
        if (match.isPresent()) {
            ModelRoute route = match.get().route();
            return new Resolution.Resolved(new ModelRoutes.Target(route.provider(), route.targetModel(), route.fallbacks(), true),
                    match.get().glob() ? "wildcard route " + route.clientModel() : "route");
        }
        Optional<Set<String>> known = catalog.union();
        if (known.isEmpty()) {
            return new Resolution.Resolved(passThrough(clientModel), "no model catalog known yet, sent as asked");
        }
        Optional<Choice> choice = choose(clientModel, thinking, known.get());
        if (choice.isPresent()) {
            return new Resolution.Resolved(passThrough(choice.get().model()), choice.get().why());
        }
        if (!ProviderSpec.GOOGLE.modelIds().accepts(clientModel)) {
            // Not a model id at all: the gateway's id check refuses it with a 400 that says what an id looks like.
            return new Resolution.Resolved(passThrough(clientModel), "not a model id");
        }
        Set<String> available = new TreeSet<>(known.get());
        routes.active().stream().map(ModelRoute::clientModel).filter(m -> !ModelRoutes.isGlob(m)).forEach(available::add);
        return new Resolution.Unknown("model '" + clientModel + "' is not available: no route matches it, the linked accounts'"
                + " model catalog does not list it, and no model of its family is listed. Available: "
                + String.join(", ", available) + " (ask for one of these, or route the name: nexus routes set "
                + clientModel + " TARGET)");
    }

    private static ModelRoutes.Target passThrough(String model) {
        return new ModelRoutes.Target(ProviderSpec.GOOGLE.id(), model, List.of(), false);
    }

    /** A catalog model chosen for a client name, and why. */
    public record Choice(String model, String why) {}

    /**
     * The catalog's model for {@code clientModel}, by the rules after the routes: exact id, same family (nearest
     * version; on a tie the newer; then the wanted thinking mode; then the fewest words besides family and version),
     * nearest family of the same vendor (on a tie the smaller), and for Claude without any Claude model, the Gemini
     * family of the same size (haiku → flash, sonnet and opus → pro). Empty when nothing fits.
     */
    public static Optional<Choice> choose(String clientModel, boolean thinking, Collection<String> catalog) {
        if (catalog.contains(clientModel)) {
            return Optional.of(new Choice(clientModel, "catalog"));
        }
        Optional<ModelSeries.Member> asked = ModelSeries.member(clientModel);
        if (asked.isEmpty()) {
            return Optional.empty();
        }
        boolean wantsThinking = thinking || asked.get().thinking();
        List<ModelSeries.Member> members = catalog.stream().map(ModelSeries::member).flatMap(Optional::stream).toList();
        ModelSeries series = asked.get().series();
        Optional<ModelSeries.Member> same = nearest(members, series, asked.get(), wantsThinking);
        if (same.isPresent()) {
            return Optional.of(new Choice(same.get().id(), "family " + series.label() + ", nearest version"));
        }
        List<ModelSeries> sameVendor = List.of(ModelSeries.values()).stream()
                .filter(s -> s != series && s.vendor().equals(series.vendor()))
                .sorted(Comparator.comparingInt((ModelSeries s) -> Math.abs(s.size() - series.size())).thenComparingInt(ModelSeries::size))
                .toList();
        for (ModelSeries other : sameVendor) {
            Optional<ModelSeries.Member> found = nearest(members, other, asked.get(), wantsThinking);
            if (found.isPresent()) {
                return Optional.of(new Choice(found.get().id(), "family " + series.label() + " not in the catalog, nearest family "
                        + other.label()));
            }
        }
        if (series.vendor().equals("claude")) {
            ModelSeries gemini = series == ModelSeries.CLAUDE_HAIKU ? ModelSeries.GEMINI_FLASH : ModelSeries.GEMINI_PRO;
            Optional<ModelSeries.Member> found = members.stream().filter(m -> m.series() == gemini)
                    .min(preference(0, List.of(), wantsThinking));
            if (found.isPresent()) {
                return Optional.of(new Choice(found.get().id(), "no Claude model in the catalog, family " + gemini.label()));
            }
        }
        return Optional.empty();
    }

    private static Optional<ModelSeries.Member> nearest(List<ModelSeries.Member> members, ModelSeries series,
            ModelSeries.Member asked, boolean thinking) {
        return members.stream().filter(m -> m.series() == series).min(preference(asked.version(), asked.otherWords(), thinking));
    }

    /**
     * Members naming nothing the client did not before ones that do (an {@code -image} model is not a chat model); then
     * the nearest version ({@code version} 0: the newest), the newer on a tie; then the thinking mode wanted; then
     * by id, so the choice is the same on every call.
     */
    private static Comparator<ModelSeries.Member> preference(int version, List<String> askedWords, boolean thinking) {
        return Comparator.comparingLong((ModelSeries.Member m) -> m.otherWords().stream().filter(w -> !askedWords.contains(w)).count())
                .thenComparingInt(m -> version == 0 ? -m.version() : Math.abs(m.version() - version))
                .thenComparingInt(m -> -m.version())
                .thenComparing(m -> m.thinking() != thinking)
                .thenComparing(ModelSeries.Member::id);
    }
}
