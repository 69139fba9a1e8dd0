package dev.nexus.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The shape the answer must take. */
public sealed interface ResponseFormat {
    record Text() implements ResponseFormat {}

    /** Any JSON object. */
    record JsonObject() implements ResponseFormat {}

    /** JSON matching a schema. */
    record JsonSchema(String name, Optional<String> description, JsonNode schema, boolean strict) implements ResponseFormat {}

    ResponseFormat TEXT = new Text();
}
