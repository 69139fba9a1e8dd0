package dev.nexus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The user docs stay navigable and honest: every relative link and image in README.md and docs/*.md names a file that
 * exists and, with a {@code #fragment}, a heading of that file (GitHub's anchor rules); every environment variable the
 * code reads is in the configuration reference; and every variable the docs name is one the code, the launcher or CI
 * knows. The docs were split out of one long README, and a moved section silently breaks the links into it.
 */
class DocsLinksTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern LINK_IN_HEADING = Pattern.compile("\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern VARIABLE_READ = Pattern.compile("\"(NEXUS_[A-Z0-9_]*[A-Z0-9])\"|\\$\\{(NEXUS_[A-Z0-9_]*[A-Z0-9])");
    private static final Pattern VARIABLE_NAMED = Pattern.compile("\\bNEXUS_[A-Z0-9_]*[A-Z0-9]\\b");
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void everyRelativeLinkReachesAFileAndHeading() {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            List<String> lines = proseLines(page);
            for (int i = 0; i < lines.size(); i++) {
                Matcher link = LINK.matcher(CODE_SPAN.matcher(lines.get(i)).replaceAll(""));
                while (link.find()) {
                    String problem = problem(page, link.group(1));
                    if (problem != null) {
                        broken.add(ROOT.relativize(page) + ":" + (i + 1) + ": " + link.group(1) + " — " + problem);
                    }
                }
            }
        }
        assertThat(broken).as("broken links (file:line: target — why)").isEmpty();
    }

    @Test
    void theConfigurationReferenceNamesEveryVariableTheCodeReads() throws IOException {
        Set<String> read = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(ROOT.resolve("src/main/java"))) {
            sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> read.addAll(variables(text(p), VARIABLE_READ)));
        }
        for (String launcher : List.of("nexus", "src/dist/bin/nexus", "src/dist/lib/jvm-options.sh")) {
            read.addAll(variables(text(ROOT.resolve(launcher)), VARIABLE_READ));
        }
        String reference = text(ROOT.resolve("docs/configuration.md"));

        assertThat(read).as("the code reads these variables").contains("NEXUS_DB", "NEXUS_JAVA_OPTS");
        assertThat(read.stream().filter(v -> !reference.contains("`" + v + "`")).toList())
                .as("variables read by src/main or the launchers but missing from docs/configuration.md").isEmpty();
    }

    @Test
    void everyVariableTheDocsNameExists() throws IOException {
        StringBuilder known = new StringBuilder(text(ROOT.resolve("nexus"))).append(text(ROOT.resolve(".ci/run")));
        for (String tree : List.of("src/main", "src/test", "src/dist")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(tree))) {
                files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".png")).forEach(p -> known.append(text(p)));
            }
        }
        Set<String> unknown = new TreeSet<>();
        for (Path page : pages()) {
            for (String name : variables(text(page), VARIABLE_NAMED)) {
                if (!known.toString().contains(name)) {
                    unknown.add(ROOT.relativize(page) + ": " + name);
                }
            }
        }
        assertThat(unknown).as("variables the docs name that nothing in src (main, test, dist), ./nexus or .ci/run knows").isEmpty();
    }

    /** Null when the target resolves, else why not. */
    private static String problem(Path page, String target) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null; // http:, https:, mailto: — not checked here
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        Path file = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
        if (!file.startsWith(ROOT)) {
            return "points outside the repository";
        }
        if (!Files.exists(file)) {
            return "no such file " + ROOT.relativize(file);
        }
        if (hash < 0) {
            return null;
        }
        String anchor = target.substring(hash + 1);
        if (!file.toString().endsWith(".md")) {
            return "an anchor into a file that is not Markdown";
        }
        Set<String> anchors = anchors(file);
        return anchors.contains(anchor) ? null : "no heading #" + anchor + " in " + ROOT.relativize(file) + " (has " + anchors + ")";
    }

    /** GitHub's heading ids: lower case, punctuation dropped, spaces to '-', repeats numbered -1, -2, … */
    static Set<String> anchors(Path file) {
        Set<String> ids = new TreeSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : proseLines(file)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                ids.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return ids;
    }

    static String slug(String heading) {
        String text = LINK_IN_HEADING.matcher(heading).replaceAll("$1").toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c == ' ') {
                slug.append('-');
            } else if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            }
        });
        return slug.toString();
    }

    @Test
    void slugsFollowGitHub() {
        assertThat(slug("OpenAI-compatible providers (OpenRouter, NVIDIA, …)")).isEqualTo("openai-compatible-providers-openrouter-nvidia-");
        assertThat(slug("Pass-through: `/{provider}/…`")).isEqualTo("pass-through-provider");
        assertThat(slug("Anthropic API keys (provider `anthropic`)")).isEqualTo("anthropic-api-keys-provider-anthropic");
    }

    /** The lines outside fenced code blocks; fenced lines become empty so line numbers stay true. */
    private static List<String> proseLines(Path file) {
        List<String> lines = new ArrayList<>();
        boolean fenced = false;
        for (String line : text(file).split("\n", -1)) {
            boolean fence = line.stripLeading().startsWith("```");
            lines.add(fenced || fence ? "" : line);
            if (fence) {
                fenced = !fenced;
            }
        }
        return lines;
    }

    private static List<Path> pages() {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(pages).as("README.md and docs/*.md").hasSizeGreaterThan(5);
        return pages;
    }

    private static Set<String> variables(String text, Pattern pattern) {
        Set<String> names = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            for (int g = m.groupCount() == 0 ? 0 : 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    names.add(m.group(g));
                }
            }
        }
        return names;
    }

    private static String text(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8); // lenient: binaries among the sources
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
