package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Inlines local {@code $ref}s. A ref is a JSON pointer into the schema document ({@code #/$defs/X},
 * {@code #/definitions/X}, or any other local pointer). Siblings of {@code $ref} override the target's keywords
 * (a description next to a ref wins). A ref that points back into its own expansion is cut with a hint, and so is
 * one met after the request's inlining budget is spent; a ref that cannot be resolved (remote, malformed, missing)
 * keeps its siblings plus a hint naming it.
 */
final class SchemaRefs {
    private SchemaRefs() {}

    static ObjectNode inline(ObjectNode schema, JsonNode document, List<String> refs, SchemaCleaner cleaner) {
        String ref = schema.path("$ref").asText();
        ObjectNode siblings = SchemaCleaner.shallowCopy(schema);
        siblings.remove("$ref");
        JsonNode target = resolve(document, ref);
        if (target == null) {
            ObjectNode cleaned = cleaner.unpruned(siblings, refs);
            SchemaKeywords.appendHint(cleaned, "see " + ref);
            return cleaned;
        }
        String description = siblings.path("description").isTextual() ? siblings.path("description").asText() : "";
        if (refs.contains(ref)) {
            return SchemaCleaner.cut(target.path("type"), description, "recursive: same shape as " + name(ref));
        }
        if (cleaner.inliningSpent()) {
            return SchemaCleaner.cut(target.path("type"), description, "same shape as " + name(ref)
                    + "; not repeated here, the schemas' references expand past " + SchemaCleaner.INLINED_NODES + " nodes");
        }
        ObjectNode merged = SchemaCleaner.shallowCopy((ObjectNode) target);
        merged.setAll(siblings);
        return cleaner.unpruned(merged, SchemaCleaner.with(refs, ref));
    }

    /** The object a local ref points to, or null. */
    private static JsonNode resolve(JsonNode document, String ref) {
        if (!ref.startsWith("#")) {
            return null;
        }
        String pointer = ref.substring(1);
        if (!pointer.isEmpty() && !pointer.startsWith("/")) {
            return null;
        }
        JsonNode target = document.at(pointer);
        return target.isObject() ? target : null;
    }

    private static String name(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
