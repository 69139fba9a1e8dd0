#!/usr/bin/env bash
# OpenAI-compatible scenario (issue 16 §5): OpenAI chat clients through Nexus's fast path to an OpenAI-compatible fake
# (BenchUpstream's /v1/chat/completions, catalog provider "bench"), against the same call made directly and through the
# floor relay (BenchRelay's /compat route), non-stream and stream, in one run. Reports p50/p99 and each gateway
# process's CPU per request (and per chunk), Nexus's against the floor's per round, and the load average. See
# bench/README.md. Usage: bench/run-compat.sh   (tunables as for run-latency.sh: BENCH_CLIENTS (32), BENCH_WARMUP (30 s
# per scenario), BENCH_MEASURE (24 s per scenario, cut into) BENCH_ROUNDS (6), BENCH_RATE (0 = back to back),
# BENCH_NEXUS_JAVA_OPTS, BENCH_RELAY_JAVA_OPTS, BENCH_NEXUS_JAR, BENCH_KEEP; BENCH_SKIP_BUILD=1 reuses target/.)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/common.sh
. bench/common.sh

clients="${BENCH_CLIENTS:-32}"
warmup="${BENCH_WARMUP:-30}"
measure="${BENCH_MEASURE:-24}"
rounds="${BENCH_ROUNDS:-6}"
rate="${BENCH_RATE:-0}"

bench_build
start_upstream
start_relay

compat_nexus
start_nexus

echo "bench: upstream $upstream, Nexus $nexus, floor relay $relay; $clients clients, warm-up ${warmup}s and ${measure}s per scenario" >&2
"$java" -cp "$classpath" dev.nexus.bench.LoadGenerator --scenario compat --upstream "$upstream" --nexus "$nexus" --key "$key" \
  --relay "$relay" --relay-pid "$relay_pid" \
  --clients "$clients" --warmup "$warmup" --measure "$measure" --rounds "$rounds" --rate "$rate" \
  --upstream-pid "$upstream_pid" --nexus-pid "$nexus_pid" --clock-ticks "$(getconf CLK_TCK 2>/dev/null || echo 100)"
