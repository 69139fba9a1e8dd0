package dev.nexus.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The server's meter registry: Prometheus-backed, with the JVM (memory, GC, threads, classes) and process (CPU,
 * uptime, file descriptors) meters bound. One per running server, so tests with several servers in one JVM keep
 * their counts apart.
 *
 * <p>The JVM and process meters are bound by {@link #bindJvm()}, not by the constructor: binding them starts the JVM's
 * management beans, a few percent of the main thread's start-up, and nothing needs them before the server is ready.
 * The server binds them once it listens, and a scrape that comes first binds them itself, so every scrape has them.
 * What happened before the binding is not counted: the collections and allocations of the start itself are missing from
 * {@code jvm_gc_pause} and {@code jvm_gc_memory_allocated_bytes}.
 */
public final class NexusMetrics implements AutoCloseable {
    /** What {@link #scrape()} returns. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Made by {@link #bindJvm()}; it listens to the JVM's collections until {@link #close()}. */
    private JvmGcMetrics gc; // guarded by this
    private boolean closed; // guarded by this

    /** Binds the JVM and process meters, once; after {@link #close()} it does nothing. */
    public synchronized void bindJvm() {
        if (gc != null || closed) {
            return;
        }
        gc = new JvmGcMetrics();
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter in the Prometheus text format 0.0.4. */
    public String scrape() {
        bindJvm();
        return registry.scrape(CONTENT_TYPE);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (gc != null) {
            gc.close();
        }
        registry.close();
    }
}
