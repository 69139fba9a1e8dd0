package dev.nexus.fake;

import java.util.List;

/** One streamed event of a scripted reply. */
sealed interface Chunk {

    /** A candidate delta carrying these parts (possibly none, e.g. a bare SAFETY stop). */
    record Parts(List<ReplyPart> parts) implements Chunk {
        public Parts {
            parts = List.copyOf(parts);
        }
    }

    /** An event with {@code usageMetadata} and no candidates, as Gemini sometimes sends mid-stream. */
    record UsageOnly() implements Chunk {}
}
