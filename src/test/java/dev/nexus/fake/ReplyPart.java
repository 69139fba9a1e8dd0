package dev.nexus.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One Gemini {@code Part} a scripted reply emits. */
sealed interface ReplyPart {

    ObjectNode toJson();

    record Text(String text) implements ReplyPart {
        public ObjectNode toJson() {
            return Json.object().put("text", text);
        }
    }

    record Thought(String text) implements ReplyPart {
        public ObjectNode toJson() {
            return Json.object().put("text", text).put("thought", true);
        }
    }

    /** The empty thought part that only carries a signature, as Gemini and Claude-via-Antigravity send it. */
    record Signature(String signature) implements ReplyPart {
        public ObjectNode toJson() {
            return Json.object().put("text", "").put("thought", true).put("thoughtSignature", signature);
        }
    }

    /** A complete call; {@code id} and {@code thoughtSignature} are omitted from the JSON when null. */
    record FunctionCall(String id, String name, JsonNode args, String thoughtSignature) implements ReplyPart {
        public ObjectNode toJson() {
            ObjectNode part = Json.object();
            ObjectNode call = part.putObject("functionCall");
            if (id != null) {
                call.put("id", id);
            }
            call.put("name", name);
            call.set("args", args);
            if (thoughtSignature != null) {
                part.put("thoughtSignature", thoughtSignature);
            }
            return part;
        }
    }
}
