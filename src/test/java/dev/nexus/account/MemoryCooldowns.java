package dev.nexus.account;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A cooldown store in memory: every save is kept, in order, and moves the revision; what a database would hold. */
final class MemoryCooldowns implements CooldownRepository {
    final List<Cooldown> saved = new CopyOnWriteArrayList<>();

    @Override
    public void save(String accountId, String model, Instant until) {
        saved.add(new Cooldown(accountId, model, until));
    }

    @Override
    public List<Cooldown> active(Instant now) {
        return List.copyOf(saved);
    }

    @Override
    public long revision() {
        return saved.size();
    }
}
