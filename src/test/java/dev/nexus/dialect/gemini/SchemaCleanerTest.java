package dev.nexus.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.nio.file.Path;
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
}
