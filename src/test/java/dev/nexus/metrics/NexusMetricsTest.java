package dev.nexus.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The JVM's meters are bound off the path to ready, once, and every scrape has them. */
class NexusMetricsTest {
    @Test
    void theJvmMetersAreBoundOnceByTheServerOrByTheFirstScrape() {
        try (NexusMetrics metrics = new NexusMetrics()) {
            assertThat(metrics.registry().find("jvm.memory.used").meters()).isEmpty();
            assertThat(metrics.scrape()).contains("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total",
                    "process_uptime_seconds");
            int meters = metrics.registry().getMeters().size();
            metrics.bindJvm();
            assertThat(metrics.registry().getMeters()).hasSize(meters);
        }
    }

    @Test
    void aClosedRegistryIsNotBound() {
        NexusMetrics metrics = new NexusMetrics();
        metrics.close();
        metrics.bindJvm();
        assertThat(metrics.registry().find("jvm.memory.used").meters()).isEmpty();
    }
}
