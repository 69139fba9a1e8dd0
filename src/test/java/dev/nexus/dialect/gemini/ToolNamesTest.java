package dev.nexus.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ToolNamesTest {
    @Test
    void legalNamesPassUnchanged() {
        ToolNames names = ToolNames.of(List.of("read_file", "mcp__github__create_issue", "ns.tool:v1-2", "_private"));
        assertThat(names.safe("read_file")).isEqualTo("read_file");
        assertThat(names.safe("mcp__github__create_issue")).isEqualTo("mcp__github__create_issue");
        assertThat(names.safe("ns.tool:v1-2")).isEqualTo("ns.tool:v1-2");
        assertThat(names.safe("_private")).isEqualTo("_private");
    }

    @Test
    void illegalCharactersAndLeadingDigitsAreReplaced() {
        ToolNames names = ToolNames.of(List.of("read file", "9lives", "héllo/wörld", ""));
        assertThat(names.safe("read file")).isEqualTo("read_file");
        assertThat(names.safe("9lives")).isEqualTo("_9lives");
        assertThat(names.safe("héllo/wörld")).isEqualTo("h_llo_w_rld");
        assertThat(names.safe("")).isEqualTo("_");
    }

    @Test
    void longNamesAreCutTo64WithAHashThatKeepsThemApart() {
        String a = "a".repeat(70) + "_one";
        String b = "a".repeat(70) + "_two";
        ToolNames names = ToolNames.of(List.of(a, b));
        assertThat(names.safe(a)).hasSize(64).startsWith("a".repeat(55) + "_").matches("[a_]+_[0-9a-f]{8}");
        assertThat(names.safe(a)).isNotEqualTo(names.safe(b));
    }

    @Test
    void aSanitisedNameNeverTakesALegalNamesPlace() {
        ToolNames names = ToolNames.of(List.of("a b", "a_b"));
        assertThat(names.safe("a_b")).isEqualTo("a_b");
        assertThat(names.safe("a b")).startsWith("a_b_").hasSize(12);
    }

    @Test
    void upstreamNamesAreRestoredToTheClientsNames() {
        ToolNames names = ToolNames.of(List.of("read file", "9lives", "ok"));
        assertThat(names.client("read_file")).isEqualTo("read file");
        assertThat(names.client("_9lives")).isEqualTo("9lives");
        assertThat(names.client("ok")).isEqualTo("ok");
        assertThat(names.client("never_declared")).isEqualTo("never_declared");
    }

    @Test
    void theSameToolsAlwaysGetTheSameNames() {
        List<String> tools = List.of("x y", "x_y", "z".repeat(80));
        assertThat(ToolNames.of(tools)).isEqualTo(ToolNames.of(tools));
        assertThat(ToolNames.none().safe("x y")).isEqualTo("x_y");
    }
}
