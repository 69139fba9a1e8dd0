package dev.nexus.keylimit;

import java.util.List;

/** Tokens each key used per period ({@link Windows#day}, {@link Windows#month}); implemented by the store. */
public interface KeyUsageRepository {

    /** The tokens counted for the key in the period, 0 when none. */
    long tokens(String keyId, String period);

    /** Adds {@code tokens} to each of the key's {@code periods}. */
    void add(String keyId, List<String> periods, long tokens);
}
