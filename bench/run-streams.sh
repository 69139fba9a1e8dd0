#!/usr/bin/env bash
# Streaming benchmark: many slow streams open at once through Nexus, through the floor relay and straight to the fake
# upstream, in one run; reports streams finished in time, stream time, CPU per upstream event and the gateway's peak
# RSS. See bench/README.md. Usage: bench/run-streams.sh   (tunables: BENCH_STREAMS (1000), BENCH_EVENTS (30) events per
# stream BENCH_INTERVAL_MS (200) apart, BENCH_DEADLINE (60 s), BENCH_ROUNDS (2) measured after BENCH_WARMUPS (2)
# unmeasured full-size rounds; BENCH_BEFORE_JAR runs a second Nexus from that jar in the same run as "nexus-before"
# (an A/B); BENCH_NEXUS_JAVA_OPTS,
# BENCH_RELAY_JAVA_OPTS, BENCH_NEXUS_JAR and BENCH_KEEP as for run-latency.sh.)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/common.sh
. bench/common.sh

streams="${BENCH_STREAMS:-1000}"
events="${BENCH_EVENTS:-30}"
interval="${BENCH_INTERVAL_MS:-200}"
deadline="${BENCH_DEADLINE:-60}"
rounds="${BENCH_ROUNDS:-2}"
warmups="${BENCH_WARMUPS:-2}"

bench_build
start_upstream "$events" "$interval"
start_relay
start_nexus
before_args=()
if [ -n "${BENCH_BEFORE_JAR:-}" ]; then
  main_nexus="$nexus" main_pid="$nexus_pid"
  start_nexus "$(cd "$(dirname "$BENCH_BEFORE_JAR")" && pwd)/$(basename "$BENCH_BEFORE_JAR")" nexus-before
  before_args=(--before "$nexus" --before-pid "$nexus_pid")
  nexus="$main_nexus" nexus_pid="$main_pid"
fi

echo "bench: upstream $upstream, Nexus $nexus, floor relay $relay; $streams streams of $events events ${interval} ms apart" >&2
"$java" -cp "$classpath" dev.nexus.bench.StreamLoad --upstream "$upstream" --nexus "$nexus" --relay "$relay" --key "$key" \
  --streams "$streams" --events "$events" --interval-ms "$interval" --deadline "$deadline" --rounds "$rounds" --warmups "$warmups" \
  --upstream-pid "$upstream_pid" --nexus-pid "$nexus_pid" --relay-pid "$relay_pid" "${before_args[@]}" \
  --clock-ticks "$(getconf CLK_TCK 2>/dev/null || echo 100)"
