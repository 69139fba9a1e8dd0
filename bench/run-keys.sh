#!/usr/bin/env bash
# Client-key limits A/B (issue 17 §4): what a key with every limit set costs Nexus in CPU per request, against an
# unlimited key, in one run. One Nexus with in-process counters, then one with counters in Redis (NEXUS_REDIS_URL, its
# own database); on each, an unlimited key and a fully limited key (limits far above what the run reaches, so nothing is
# refused) are created with `nexus keys create`, and OpenAI chat requests go through the fast path to the bench catalog
# provider (as run-compat.sh) with each key in alternating (ABBA) rounds. Reports Nexus's CPU per request per key per
# round, the median of the rounds' ratios and the load average. See bench/README.md. Usage: bench/run-keys.sh
# (BENCH_CLIENTS (32), BENCH_WARMUP (30 s per key), BENCH_MEASURE (32 s per key, cut into) BENCH_ROUNDS (4),
# BENCH_REDIS_URL (redis://127.0.0.1:6379; empty skips the Redis half), BENCH_NEXUS_JAVA_OPTS, BENCH_KEEP,
# BENCH_SKIP_BUILD=1 reuses target/.)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/common.sh
. bench/common.sh

clients="${BENCH_CLIENTS:-32}"
warmup="${BENCH_WARMUP:-30}"
measure="${BENCH_MEASURE:-32}"
rounds="${BENCH_ROUNDS:-4}"
redis_url="${BENCH_REDIS_URL-redis://127.0.0.1:6379}"

bench_build
start_upstream

compat_nexus

# Creates a client key in the database of Nexus directory $1 with the options after it; prints the full key. The CLI
# gets the serving environment too: a first run without the routes file would store the built-in routes.
create_key() {
  local dir="$work/$1"
  shift
  mkdir -p "$dir"
  (cd "$dir" && env NEXUS_DB="$dir/nexus.db" NEXUS_API_KEY="$key" "${nexus_extra_env[@]}" "$java" --enable-native-access=ALL-UNNAMED \
    -jar "$nexus_jar" keys create "$@" --json) | jq -r .key
}

# One A/B on a fresh Nexus in directory $1 (extra environment in nexus_extra_env).
run_ab() {
  local dir="$1" unlimited limited
  unlimited="$(create_key "$dir" --name bench-unlimited)"
  # Every limit set, each far above what 32 clients reach in a few minutes (about 3 000 requests and 15 000 tokens a
  # second here), so every request passes every check.
  limited="$(create_key "$dir" --name bench-limited --models '*' --rpm 100000000 --tpm 10000000000 \
    --concurrency 100000 --daily-tokens 1000000000000 --monthly-tokens 1000000000000 --expires-in 30d)"
  [ -n "$unlimited" ] && [ -n "$limited" ] || { echo "bench: creating the client keys failed" >&2; exit 1; }
  start_nexus "" "$dir"
  echo "bench: $dir: Nexus $nexus (pid $nexus_pid), $clients clients, warm-up ${warmup}s and ${measure}s per key" >&2
  "$java" -cp "$classpath" dev.nexus.bench.LoadGenerator --scenario keys --upstream "$upstream" --nexus "$nexus" \
    --key "$unlimited" --limited-key "$limited" \
    --clients "$clients" --warmup "$warmup" --measure "$measure" --rounds "$rounds" \
    --upstream-pid "$upstream_pid" --nexus-pid "$nexus_pid" --clock-ticks "$(getconf CLK_TCK 2>/dev/null || echo 100)"
  # This Nexus stops before the next one starts, so the two halves do not share the cores.
  kill -TERM "$nexus_pid" 2>/dev/null || true
  wait "$nexus_pid" 2>/dev/null || true
}

echo "#### In-process counters"
echo
run_ab nexus
if [ -n "$redis_url" ]; then
  nexus_extra_env+=(NEXUS_REDIS_URL="$redis_url")
  echo
  echo "#### Counters in Redis ($redis_url)"
  echo
  run_ab nexus-redis
fi
