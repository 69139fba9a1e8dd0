package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Fixture folders under {@code src/test/resources/dialect/gemini/<group>/<case>/}, one per rule. */
final class Fixtures {
    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    /** One {@code (caseName, folder)} argument per case folder of the group, sorted by name. */
    static Stream<Arguments> cases(String group) {
        try (Stream<Path> folders = Files.list(Path.of(Fixtures.class.getResource("/dialect/gemini/" + group).toURI()))) {
            List<Path> sorted = folders.filter(Files::isDirectory).sorted().toList();
            return sorted.stream().map(dir -> Arguments.of(dir.getFileName().toString(), dir));
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list fixtures of " + group, e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pretty JSON with object keys sorted, so two trees compare as text and a failure shows a readable diff. */
    static String pretty(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sorted(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            node.properties().forEach(e -> fields.put(e.getKey(), sorted(e.getValue())));
            ObjectNode out = JSON.createObjectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(sorted(item)));
            return JSON.createArrayNode().addAll(items);
        }
        return node;
    }
}
