package dev.nexus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Exact and wildcard routes: which route a client name takes. */
class ModelRoutesTest {
    private static ModelRoute route(String client, String target) {
        return new ModelRoute(client + "->" + target, client, "google", target, List.of(), true);
    }

    private static ModelRoutes routes(ModelRoute... routes) {
        List<ModelRoute> list = new ArrayList<>(List.of(routes));
        return new ModelRoutes(new ModelRouteRepository() {
            @Override
            public List<ModelRoute> list() {
                return list;
            }

            @Override
            public Optional<ModelRoute> find(String id) {
                return list.stream().filter(r -> r.id().equals(id)).findFirst();
            }

            @Override
            public void replaceAll(List<ModelRoute> routes) {
                throw new UnsupportedOperationException();
            }

            @Override
            public RouteWrite add(ModelRoute route) {
                throw new UnsupportedOperationException();
            }

            @Override
            public RouteWrite update(ModelRoute route) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean remove(String id) {
                throw new UnsupportedOperationException();
            }

            @Override
            public long revision() {
                return 1;
            }
        });
    }

    private static Optional<String> target(ModelRoutes routes, String client) {
        return routes.match(client).map(m -> m.route().targetModel());
    }

    @Test
    void anExactRouteWinsOverEveryGlob() {
        ModelRoutes routes = routes(route("claude-*", "gemini-3-flash"), route("claude-opus-4-8", "claude-opus-4-6-thinking"));
        assertThat(routes.match("claude-opus-4-8")).hasValueSatisfying(m -> {
            assertThat(m.glob()).isFalse();
            assertThat(m.route().targetModel()).isEqualTo("claude-opus-4-6-thinking");
        });
    }

    @Test
    void theGlobWithTheLongestLiteralPrefixWins() {
        ModelRoutes routes = routes(route("claude-*", "gemini-3-flash"), route("claude-opus-*", "claude-opus-4-6-thinking"),
                route("*-4-8", "claude-sonnet-4-5"));
        assertThat(target(routes, "claude-opus-4-8")).contains("claude-opus-4-6-thinking");
        assertThat(target(routes, "claude-haiku-4-5")).contains("gemini-3-flash");
        assertThat(target(routes, "gpt-4-8")).contains("claude-sonnet-4-5");
        assertThat(routes.match("claude-opus-4-8").orElseThrow().glob()).isTrue();
    }

    @Test
    void onAnEqualPrefixMoreLiteralTextWinsThenTheRouteMadeFirst() {
        ModelRoutes routes = routes(route("claude-*", "a"), route("claude-*-thinking", "b"), route("claude-*", "c"));
        assertThat(target(routes, "claude-opus-4-6-thinking")).contains("b");
        assertThat(target(routes, "claude-opus-4-6")).contains("a");
    }

    @Test
    void aGlobIsMatchedLiterallyExceptForItsStars() {
        ModelRoutes routes = routes(route("gemini-2.5-*", "gemini-2.5-flash"), route("*x*", "x"));
        assertThat(target(routes, "gemini-2.5-pro")).contains("gemini-2.5-flash");
        assertThat(target(routes, "gemini-2x5-pro")).contains("x");
        assertThat(target(routes, "gemini-3-pro")).isEmpty();
        assertThat(target(routes, "ax")).contains("x");
    }

    @Test
    void aGlobOfManyStarsMatchesInTimeProportionalToItsLength() {
        ModelRoutes routes = routes(route("*a*a*a*a*a*a*a*a*a*a*b", "x"));
        String name = "a".repeat(256);
        long start = System.nanoTime();
        assertThat(routes.match(name)).isEmpty();
        assertThat(routes.match(name + "b")).isPresent();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(1));
    }

    @Test
    void inactiveGlobsDoNotMatch() {
        ModelRoutes routes = routes(new ModelRoute("1", "claude-*", "google", "gemini-3-flash", List.of(), false));
        assertThat(routes.match("claude-opus-4-8")).isEmpty();
    }
}
