package dev.nexus.account;

import java.time.Instant;
import java.util.List;

/** Persistence of cooldowns; implemented by the store. */
public interface CooldownRepository {

    /** Stores (or extends) the rest of one (account, model). */
    void save(String accountId, String model, Instant until);

    /** Rests that last beyond {@code now}; older rows are deleted. */
    List<Cooldown> active(Instant now);

    /** A counter that grows with every stored rest, from any process sharing the database. */
    long revision();

    record Cooldown(String accountId, String model, Instant until) {}
}
