package dev.nexus.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaCleanerTest {
    static Stream<Arguments> cases() {
        return Fixtures.cases("schema");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cleansTheSchemaAsTheFixtureSays(String name, Path dir) {
        JsonNode cleaned = SchemaCleaner.clean(Fixtures.read(dir.resolve("in.json")));
        assertThat(Fixtures.pretty(cleaned)).isEqualTo(Fixtures.pretty(Fixtures.read(dir.resolve("out.json"))));
    }

    @Test
    void anAbsentSchemaBecomesAnEmptyObjectSchema() {
        JsonNode empty = Fixtures.parse("{\"type\":\"object\",\"properties\":{}}");
        assertThat(SchemaCleaner.clean(null)).isEqualTo(empty);
        assertThat(SchemaCleaner.clean(NullNode.getInstance())).isEqualTo(empty);
        assertThat(SchemaCleaner.clean(MissingNode.getInstance())).isEqualTo(empty);
    }

    @Test
    void theClientsSchemaIsNotModified() {
        String text = "{\"$defs\":{\"A\":{\"type\":\"string\",\"minLength\":1}},\"type\":\"object\","
                + "\"properties\":{\"a\":{\"$ref\":\"#/$defs/A\"},\"b\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"null\"}]}},"
                + "\"additionalProperties\":false}";
        JsonNode schema = Fixtures.parse(text);
        SchemaCleaner.clean(schema);
        assertThat(schema).isEqualTo(Fixtures.parse(text));
    }

    @Test
    void cleaningIsIdempotent() {
        JsonNode once = SchemaCleaner.clean(Fixtures.read(fixture("ref-cyclic")));
        assertThat(SchemaCleaner.clean(once)).isEqualTo(once);
    }

    private static Path fixture(String name) {
        return Fixtures.cases("schema").map(a -> (Path) a.get()[1]).filter(p -> p.endsWith(name)).findFirst()
                .orElseThrow().resolve("in.json");
    }

    @Test
    void referencesThatDoubleAtEveryLevelAreInlinedOnlyUpToTheBudget() {
        // D0 uses D1 twice, D1 uses D2 twice, … : 2^31 nodes if inlined in full.
        ObjectNode schema = Fixtures.parse("{\"$ref\":\"#/$defs/D0\"}").deepCopy();
        ObjectNode defs = schema.putObject("$defs");
        for (int i = 0; i < 30; i++) {
            ObjectNode properties = defs.putObject("D" + i).put("type", "object").putObject("properties");
            properties.putObject("a").put("$ref", "#/$defs/D" + (i + 1));
            properties.putObject("b").put("$ref", "#/$defs/D" + (i + 1));
        }
        defs.putObject("D30").put("type", "string");
        JsonNode cleaned = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> SchemaCleaner.clean(schema));
        assertThat(nodes(cleaned)).isLessThan(3 * SchemaCleaner.INLINED_NODES);
        assertThat(cleaned.toString()).contains("same shape as D").contains("not repeated here");
    }

    @Test
    void aLongChainOfReferencesIsCutAtTheDepthLimitWithoutOverflowingTheStack() throws Exception {
        ObjectNode schema = Fixtures.parse("{\"$ref\":\"#/$defs/D0\"}").deepCopy();
        ObjectNode defs = schema.putObject("$defs");
        int chain = 20_000;
        for (int i = 0; i < chain; i++) {
            defs.putObject("D" + i).put("type", "object").putObject("properties").putObject("next")
                    .put("$ref", "#/$defs/D" + (i + 1));
        }
        defs.putObject("D" + chain).put("type", "string");
        // A virtual thread, as requests run on: its stack is the small default one.
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread worker = Thread.ofVirtual().start(() -> {
            try {
                outcome.set(SchemaCleaner.clean(schema));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        assertThat(worker.join(Duration.ofSeconds(30))).as("cleaning finished").isTrue();
        assertThat(outcome.get()).isInstanceOf(JsonNode.class);
        JsonNode cleaned = (JsonNode) outcome.get();
        int depth = 0;
        for (JsonNode node = cleaned; node.has("properties"); node = node.path("properties").path("next")) {
            depth++;
        }
        assertThat(depth).isBetween(SchemaCleaner.MAX_DEPTH / 4, SchemaCleaner.MAX_DEPTH);
        assertThat(cleaned.toString()).contains("nested deeper than " + SchemaCleaner.MAX_DEPTH + " levels");
    }

    private static int nodes(JsonNode node) {
        int count = 1;
        for (JsonNode child : node) {
            count += nodes(child);
        }
        return count;
    }
}
