package dev.nexus.keylimit;

import dev.nexus.clientkey.ClientKey;

/**
 * Told when a key's daily or monthly token use crosses 90 % of its budget (once per crossing, by the instance whose
 * request crossed it). The alerts (issue 17 §3) implement it; until then nothing listens.
 */
public interface BudgetWatcher {
    BudgetWatcher NONE = (key, budget, used, limit) -> { };

    /** The share of a budget at which the watcher is told. */
    double THRESHOLD = 0.9;

    /** @param budget {@code "daily"} or {@code "monthly"} */
    void crossed(ClientKey key, String budget, long used, long limit);
}
