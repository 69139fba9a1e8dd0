package dev.nexus.chat;

import java.util.List;
import java.util.Optional;

/** Sampling and length parameters; empty means "the upstream's default". */
public record Generation(
        Optional<Double> temperature,
        Optional<Double> topP,
        Optional<Integer> topK,
        Optional<Integer> maxOutputTokens,
        List<String> stopSequences,
        Optional<Long> seed,
        Optional<Double> presencePenalty,
        Optional<Double> frequencyPenalty,
        Optional<Integer> candidateCount) {

    public static final Generation DEFAULTS = new Generation(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public Generation {
        stopSequences = List.copyOf(stopSequences);
    }
}
