#!/usr/bin/env bash
# Latency benchmark: Nexus against a fast fake Google on loopback, and the same fake called directly, in one run.
# See bench/README.md. Usage: bench/run-latency.sh   (tunables: BENCH_CLIENTS, BENCH_WARMUP, BENCH_MEASURE,
# BENCH_ROUNDS in seconds/counts; BENCH_RATE total requests/s for a paced run, 0 = back to back; BENCH_FLOOR=0 leaves
# out the floor relay (scenarios e and f); BENCH_NEXUS_JAVA_OPTS / BENCH_RELAY_JAVA_OPTS for extra JVM options of the
# Nexus / relay process, e.g. a JFR recording; BENCH_NEXUS_JAR runs another Nexus jar than target/nexus.jar, e.g. a
# copy of an earlier build for a before/after comparison; BENCH_KEEP=1 keeps the temporary directory with the server logs.)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/common.sh
. bench/common.sh

clients="${BENCH_CLIENTS:-32}"
warmup="${BENCH_WARMUP:-12}"
measure="${BENCH_MEASURE:-12}"
rounds="${BENCH_ROUNDS:-4}"
rate="${BENCH_RATE:-0}"   # 0: closed loop (back to back); R: R requests a second in total, paced
floor="${BENCH_FLOOR:-1}" # 1: also measure the floor relay (BenchRelay), the cheapest gateway on the same stack

bench_build
start_upstream
relay_args=()
if [ "$floor" = 1 ]; then
  start_relay
  relay_args=(--relay "$relay" --relay-pid "$relay_pid")
fi
start_nexus

echo "bench: upstream $upstream, Nexus $nexus${relay:+, floor relay $relay}; $clients clients, warm-up ${warmup}s and ${measure}s per scenario" >&2
"$java" -cp "$classpath" dev.nexus.bench.LoadGenerator --upstream "$upstream" --nexus "$nexus" --key "$key" "${relay_args[@]}" \
  --clients "$clients" --warmup "$warmup" --measure "$measure" --rounds "$rounds" --rate "$rate" \
  --upstream-pid "$upstream_pid" --nexus-pid "$nexus_pid" --clock-ticks "$(getconf CLK_TCK 2>/dev/null || echo 100)"
