package dev.nexus.monitor;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Whether request and response bodies are kept. Starts from the stored choice (or NEXUS_LOG_BODIES when none was
 * ever made); a change is stored first, so a change that cannot be stored changes nothing. A request keeps the
 * setting it began with.
 */
public final class BodyLogging {
    /** The name of the stored choice in the settings table. */
    public static final String SETTING = "monitor.log_bodies";

    private final AtomicBoolean on;
    private final Consumer<Boolean> store;

    public BodyLogging(boolean initial, Consumer<Boolean> store) {
        this.on = new AtomicBoolean(initial);
        this.store = store;
    }

    public boolean on() {
        return on.get();
    }

    public void set(boolean value) {
        store.accept(value);
        on.set(value);
    }
}
