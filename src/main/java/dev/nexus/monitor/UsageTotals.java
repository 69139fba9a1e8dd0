package dev.nexus.monitor;

import java.util.List;
import java.util.Map;

/**
 * What the repository counted for a period.
 *
 * @param bySlot counts per bucket index (0 = the bucket starting at the period's start); empty buckets are absent
 * @param byAccount per masked account label, most requests first
 * @param byModel per model (the target model, or the client model when the request was not routed), most requests first
 * @param byKey per client key name, most requests first
 */
public record UsageTotals(Map<Integer, Tally> bySlot, List<Tally> byAccount, List<Tally> byModel, List<Tally> byKey) {
    public UsageTotals {
        bySlot = Map.copyOf(bySlot);
        byAccount = List.copyOf(byAccount);
        byModel = List.copyOf(byModel);
        byKey = List.copyOf(byKey);
    }
}
