package dev.nexus.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Mutations of a valid JSON request for robustness tests: every place in it, and a copy with one place replaced. */
public final class JsonMutations {
    /** A value of every JSON type, to put where something else belongs. */
    public static final List<JsonNode> WRONG_VALUES = List.of(JsonNodeFactory.instance.nullNode(),
            JsonNodeFactory.instance.numberNode(7), JsonNodeFactory.instance.textNode("x"), JsonNodeFactory.instance.booleanNode(true),
            JsonNodeFactory.instance.arrayNode().add(1), JsonNodeFactory.instance.objectNode().put("k", "v"));

    private JsonMutations() {}

    /** Every field and array element below the root, as JSON pointers. */
    public static List<String> pointers(JsonNode node) {
        return pointers(node, "");
    }

    private static List<String> pointers(JsonNode node, String at) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String p = at + "/" + e.getKey();
                out.add(p);
                out.addAll(pointers(e.getValue(), p));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = at + "/" + i;
                out.add(p);
                out.addAll(pointers(node.get(i), p));
            }
        }
        return out;
    }

    /** A deep copy of {@code root} with the value at {@code pointer} replaced. */
    public static JsonNode replaced(JsonNode root, String pointer, JsonNode value) {
        JsonNode copy = root.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        }
        return copy;
    }
}
