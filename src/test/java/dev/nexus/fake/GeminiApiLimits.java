package dev.nexus.fake;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Standing rate limits of the fake Gemini API: a key, for one model or all, answers 429 until lifted. */
final class GeminiApiLimits {
    /** {@code model} is {@code ""} for every model. */
    private record Key(String apiKey, String model) {}

    private final Map<Key, Duration> limits = new ConcurrentHashMap<>();

    /** From now on the key answers 429 with this retry delay, for the model (null: every model and the model list). */
    void limit(String apiKey, String model, Duration retryDelay) {
        limits.put(new Key(apiKey, model == null ? "" : model), retryDelay);
    }

    void lift(String apiKey) {
        limits.keySet().removeIf(k -> k.apiKey().equals(apiKey));
    }

    /** The retry delay to announce when the key is limited for the model (null model: the model list), or null. */
    Duration find(String apiKey, String model) {
        Duration forModel = model == null ? null : limits.get(new Key(apiKey, model));
        return forModel != null ? forModel : limits.get(new Key(apiKey, ""));
    }
}
