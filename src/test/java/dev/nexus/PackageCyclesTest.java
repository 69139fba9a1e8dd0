package dev.nexus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The structure holds: {@code jdeps} over the compiled main classes finds no cycle between Nexus's packages (a package
 * that needs another must not be needed by it, directly or through others), so each layer can be read, tested and
 * replaced on its own.
 */
class PackageCyclesTest {
    private static final Pattern EDGE = Pattern.compile("^\\s+(dev\\.nexus[\\w.]*)\\s+->\\s+(dev\\.nexus[\\w.]*)\\s");

    @Test
    void jdepsFindsNoCycleBetweenNexusPackages() throws URISyntaxException {
        Map<String, Set<String>> uses = packageGraph();

        assertThat(uses).as("jdeps saw the packages").containsKeys("dev.nexus.gateway", "dev.nexus.account", "dev.nexus.provider");
        assertThat(cycles(uses)).as("package cycles (each line: packages that reach each other)").isEmpty();
    }

    @Test
    void aCycleIsFound() {
        Map<String, Set<String>> uses = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertThat(cycles(uses)).containsExactly(new TreeSet<>(Set.of("a", "b", "c")));
    }

    private static Map<String, Set<String>> packageGraph() throws URISyntaxException {
        Path classes = Path.of(Nexus.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError(
                "jdeps is not in this JDK (run the tests on a full JDK, not a JRE)"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-e", "dev\\.nexus.*",
                classes.toString());
        assertThat(code).as("jdeps exit code; stderr: %s", err).isZero();
        Map<String, Set<String>> uses = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            Matcher edge = EDGE.matcher(line);
            if (edge.find() && !edge.group(1).equals(edge.group(2))) {
                uses.computeIfAbsent(edge.group(1), k -> new TreeSet<>()).add(edge.group(2));
            }
        }
        return uses;
    }

    /** Tarjan's strongly connected components with more than one package: each is a cycle. */
    private static List<Set<String>> cycles(Map<String, Set<String>> uses) {
        Components components = new Components(uses);
        new TreeSet<>(uses.keySet()).forEach(p -> {
            if (!components.index.containsKey(p)) {
                components.visit(p);
            }
        });
        return components.found;
    }

    private static final class Components {
        private final Map<String, Set<String>> uses;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new HashSet<>();
        private final List<Set<String>> found = new ArrayList<>();

        Components(Map<String, Set<String>> uses) {
            this.uses = uses;
        }

        void visit(String p) {
            index.put(p, index.size());
            low.put(p, index.get(p));
            stack.push(p);
            onStack.add(p);
            for (String q : uses.getOrDefault(p, Set.of())) {
                if (!index.containsKey(q)) {
                    visit(q);
                    low.put(p, Math.min(low.get(p), low.get(q)));
                } else if (onStack.contains(q)) {
                    low.put(p, Math.min(low.get(p), index.get(q)));
                }
            }
            if (low.get(p).equals(index.get(p))) {
                Set<String> component = new TreeSet<>();
                String q;
                do {
                    q = stack.pop();
                    onStack.remove(q);
                    component.add(q);
                } while (!q.equals(p));
                if (component.size() > 1) {
                    found.add(component);
                }
            }
        }
    }
}
