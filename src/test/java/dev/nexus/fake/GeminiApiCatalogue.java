package dev.nexus.fake;

import java.util.List;
import java.util.Optional;

/** The models the fake Gemini API (and Vertex) serve; replaceable by a test. */
final class GeminiApiCatalogue {
    private volatile List<GeminiApiModel> models = GeminiApiModel.defaults();

    List<GeminiApiModel> all() {
        return models;
    }

    void replace(List<GeminiApiModel> value) {
        models = List.copyOf(value);
    }

    Optional<GeminiApiModel> find(String id) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst();
    }
}
