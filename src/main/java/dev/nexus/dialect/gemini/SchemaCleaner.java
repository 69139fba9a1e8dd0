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
 */
public final class SchemaCleaner {
    /** Keys that only a real schema has; a node with none of them whose values are all objects is a property map. */
    private static final Set<String> SCHEMA_KEYS = Set.of("type", "properties", "items", "$ref", "anyOf", "oneOf",
            "allOf", "not", "$defs", "definitions", "additionalProperties", "patternProperties", "if", "then", "else",
            "prefixItems", "const", "default", "examples", "enum", "propertyNames", "contains", "dependentSchemas");

    private final JsonNode document;

    private SchemaCleaner(JsonNode document) {
        this.document = document;
    }

    /** A cleaned copy of {@code schema}; an absent or empty schema becomes an empty object schema. */
    public static ObjectNode clean(JsonNode schema) {
        if (schema == null || !schema.isObject() || schema.isEmpty()) {
            return emptyObject();
        }
        ObjectNode cleaned = new SchemaCleaner(schema).node(schema, List.of());
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
    }

    static List<String> with(List<String> refs, String ref) {
        List<String> longer = new ArrayList<>(refs);
        longer.add(ref);
        return List.copyOf(longer);
    }

    /** A copy of the node as a schema object: {@code true} or a non-object is "anything", a bare map is wrapped. */
    private static ObjectNode normalised(JsonNode raw) {
        if (raw == null || !raw.isObject()) {
            return Wire.object();
        }
        ObjectNode copy = raw.deepCopy();
        if (isBarePropertyMap(copy)) {
            ObjectNode wrapped = Wire.object().put("type", "object");
            wrapped.set("properties", copy);
            return wrapped;
        }
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
