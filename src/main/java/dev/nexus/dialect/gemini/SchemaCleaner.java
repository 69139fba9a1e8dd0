package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a client's JSON Schema into the subset Gemini function declarations accept (protocols §6.3). Only schema
 * positions are cleaned — the root, {@code properties} values, {@code items}, combinator branches and inlined
 * {@code $ref} targets — so a property <em>named</em> {@code title}, {@code format} or {@code $ref} survives.
 *
 * <p>Per node, in order: a bare property map becomes {@code {type:object, properties}}; a local {@code $ref} is
 * inlined (cycle-safe); {@code allOf} is merged; {@code anyOf}/{@code oneOf} are flattened to their most informative
 * non-null branch ({@code nullable:true} when a null branch existed); then {@link SchemaKeywords} keeps only what
 * Gemini knows, moving unsupported constraints into the description. The input is never modified.
 *
 * <p>Work stays in proportion to the input: references that point at each other can describe a tree exponentially
 * larger than the schema (each definition using the next one twice), so what inlining adds is bounded by a
 * {@link Budget} shared by the schemas of one request, and nesting (references included) by {@value #MAX_DEPTH}
 * levels. A reference or level beyond either is cut like a cyclic one, with a hint.
 */
public final class SchemaCleaner {
    /** Keys that only a real schema has; a node with none of them whose values are all objects is a property map. */
    private static final Set<String> SCHEMA_KEYS = Set.of("type", "properties", "items", "$ref", "anyOf", "oneOf",
            "allOf", "not", "$defs", "definitions", "additionalProperties", "patternProperties", "if", "then", "else",
            "prefixItems", "const", "default", "examples", "enum", "propertyNames", "contains", "dependentSchemas");

    /** The most schema levels cleaned, through references too; far beyond any real tool's, and a small stack. */
    static final int MAX_DEPTH = 100;
    /** The most schema nodes that inlining references may add for one request. */
    static final int INLINED_NODES = 20_000;

    private final JsonNode document;
    private final Budget budget;
    private int depth;

    private SchemaCleaner(JsonNode document, Budget budget) {
        this.document = document;
        this.budget = budget;
    }

    /** How many more schema nodes reference inlining may add; one per request, shared by its schemas. */
    static final class Budget {
        private int remaining;

        Budget(int nodes) {
            this.remaining = nodes;
        }

        static Budget perRequest() {
            return new Budget(INLINED_NODES);
        }
    }

    /** A cleaned copy of {@code schema}; an absent or empty schema becomes an empty object schema. */
    public static ObjectNode clean(JsonNode schema) {
        return clean(schema, Budget.perRequest());
    }

    /** {@link #clean(JsonNode)}, with reference inlining drawing on {@code budget}. */
    static ObjectNode clean(JsonNode schema, Budget budget) {
        if (schema == null || !schema.isObject() || schema.isEmpty()) {
            return emptyObject();
        }
        ObjectNode cleaned = new SchemaCleaner(schema, budget).node(schema, List.of());
        if (!cleaned.has("type")) {
            cleaned.put("type", "object");
        }
        if (cleaned.path("type").asText().equalsIgnoreCase("object") && !cleaned.has("properties")) {
            cleaned.putObject("properties");
        }
        return cleaned;
    }

    static ObjectNode emptyObject() {
        ObjectNode empty = Wire.object().put("type", "object");
        empty.putObject("properties");
        return empty;
    }

    /**
     * Cleans the schema at one schema position.
     *
     * @param refs the {@code $ref}s being inlined around this node, to stop at cycles
     */
    ObjectNode node(JsonNode raw, List<String> refs) {
        ObjectNode cleaned = unpruned(raw, refs);
        SchemaKeywords.pruneRequired(cleaned);
        return cleaned;
    }

    /**
     * Cleans a node but keeps {@code required} names that match no property yet: combinators merge several of
     * these before pruning (an {@code allOf} branch may require what another branch defines).
     */
    ObjectNode unpruned(JsonNode raw, List<String> refs) {
        ObjectNode schema = normalised(raw);
        if (depth >= MAX_DEPTH) {
            String description = schema.path("description").isTextual() ? schema.get("description").asText() : "";
            return cut(schema.path("type"), description, "nested deeper than " + MAX_DEPTH + " levels: not expanded");
        }
        if (!refs.isEmpty()) {
            budget.remaining--;
        }
        depth++;
        try {
            if (schema.has("$ref")) {
                return SchemaRefs.inline(schema, document, refs, this);
            }
            if (schema.has("allOf")) {
                return SchemaCombiners.allOf(schema, refs, this);
            }
            if (schema.has("anyOf") || schema.has("oneOf")) {
                return SchemaCombiners.anyOf(schema, refs, this);
            }
            return SchemaKeywords.clean(schema, refs, this);
        } finally {
            depth--;
        }
    }

    /** Whether reference inlining has added all it may for this request. */
    boolean inliningSpent() {
        return budget.remaining <= 0;
    }

    /** A node left unexpanded: its type (object when it has none), its description, and why. */
    static ObjectNode cut(JsonNode type, String description, String hint) {
        ObjectNode cut = Wire.object().put("type", type.isTextual() ? type.asText() : "object");
        if (!description.isEmpty()) {
            cut.put("description", description);
        }
        SchemaKeywords.appendHint(cut, hint);
        return cut;
    }

    static List<String> with(List<String> refs, String ref) {
        List<String> longer = new ArrayList<>(refs);
        longer.add(ref);
        return List.copyOf(longer);
    }

    /**
     * A copy of the node as a schema object: {@code true} or a non-object is "anything", a bare map is wrapped. The
     * copy is shallow: cleaning only ever changes a node's own keys, never its children, and copying every subtree at
     * every level would cost the depth times the size.
     */
    private static ObjectNode normalised(JsonNode raw) {
        if (raw == null || !raw.isObject()) {
            return Wire.object();
        }
        ObjectNode copy = shallowCopy((ObjectNode) raw);
        if (isBarePropertyMap(copy)) {
            ObjectNode wrapped = Wire.object().put("type", "object");
            wrapped.set("properties", copy);
            return wrapped;
        }
        return copy;
    }

    /** A new object with the same keys and the same (shared, unchanged) values. */
    static ObjectNode shallowCopy(ObjectNode node) {
        ObjectNode copy = Wire.object();
        copy.setAll(node);
        return copy;
    }

    private static boolean isBarePropertyMap(ObjectNode node) {
        if (node.isEmpty()) {
            return false;
        }
        for (var entry : node.properties()) {
            if (SCHEMA_KEYS.contains(entry.getKey()) || !entry.getValue().isObject()) {
                return false;
            }
        }
        return true;
    }
}
