#!/usr/bin/env bash
# Latency benchmark: Nexus against a fast fake Google on loopback, and the same fake called directly, in one run.
# See bench/README.md. Usage: bench/run-latency.sh   (tunables: BENCH_CLIENTS, BENCH_WARMUP, BENCH_MEASURE,
# BENCH_ROUNDS in seconds/counts; BENCH_RATE total requests/s for a paced run, 0 = back to back; BENCH_FLOOR=0 leaves
# out the floor relay (scenarios e and f); BENCH_NEXUS_JAVA_OPTS / BENCH_RELAY_JAVA_OPTS for extra JVM options of the
# Nexus / relay process, e.g. a JFR recording; BENCH_NEXUS_JAR runs another Nexus jar than target/nexus.jar, e.g. a
# copy of an earlier build for a before/after comparison; BENCH_KEEP=1 keeps the temporary directory with the server logs.)
set -euo pipefail

cd "$(dirname "$0")/.."
repo="$(pwd)"

export JAVA_HOME="${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
[ -x "$java" ] || { echo "run-latency: no java at $java (set BENCH_JAVA_HOME to a JDK 21+)" >&2; exit 2; }

clients="${BENCH_CLIENTS:-32}"
warmup="${BENCH_WARMUP:-12}"
measure="${BENCH_MEASURE:-12}"
rounds="${BENCH_ROUNDS:-4}"
rate="${BENCH_RATE:-0}"   # 0: closed loop (back to back); R: R requests a second in total, paced
floor="${BENCH_FLOOR:-1}" # 1: also measure the floor relay (BenchRelay), the cheapest gateway on the same stack
key="sk-nx-bench-$(date +%s)-$$"

work="$(mktemp -d "${TMPDIR:-/tmp}/nexus-bench.XXXXXX")"
upstream_pid=""
nexus_pid=""
relay_pid=""

stop() {
  # Only the servers this script started, by their process ids.
  for pid in $nexus_pid $relay_pid $upstream_pid; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in $nexus_pid $relay_pid $upstream_pid; do
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "${BENCH_KEEP:-0}" = 1 ]; then
    echo "run-latency: logs kept in $work" >&2
  else
    rm -rf "$work"
  fi
}
trap stop EXIT
trap 'exit 130' INT TERM

# Waits until file $1 has a line matching the extended regex $2 (up to $3 seconds, while process $4 lives).
await_line() {
  local file="$1" pattern="$2" seconds="$3" pid="$4"
  for _ in $(seq $((seconds * 10))); do
    if grep -Eq "$pattern" "$file" 2>/dev/null; then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { echo "run-latency: process $pid exited; its log:" >&2; cat "$file" >&2; return 1; }
    sleep 0.1
  done
  echo "run-latency: timed out waiting for '$pattern' in $file:" >&2
  cat "$file" >&2
  return 1
}

echo "run-latency: load average before the build: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)" >&2
echo "run-latency: building (jar, test classes, test classpath)" >&2
# -DskipTests still compiles the test sources (this is where the benchmark lives); it only skips running them.
./mvnw -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" >&2
classpath="$repo/target/test-classes:$(cat "$work/classpath.txt")"
nexus_jar="${BENCH_NEXUS_JAR:-$repo/target/nexus.jar}"
[ -f "$nexus_jar" ] || { echo "run-latency: no Nexus jar at $nexus_jar" >&2; exit 2; }
nexus_jar="$(cd "$(dirname "$nexus_jar")" && pwd)/$(basename "$nexus_jar")"
echo "run-latency: Nexus jar $nexus_jar ($(sha256sum "$nexus_jar" 2>/dev/null | cut -c1-12 || echo '?'))" >&2

echo "run-latency: starting the fake upstream" >&2
"$java" -cp "$classpath" dev.nexus.bench.BenchUpstream 0 >"$work/upstream.log" 2>&1 &
upstream_pid=$!
await_line "$work/upstream.log" '^BENCH_UPSTREAM_PORT=[0-9]+' 30 "$upstream_pid"
upstream_port="$(sed -n 's/^BENCH_UPSTREAM_PORT=\([0-9]*\).*/\1/p' "$work/upstream.log" | head -1)"
upstream="http://127.0.0.1:$upstream_port"

relay_args=()
if [ "$floor" = 1 ]; then
  echo "run-latency: starting the floor relay" >&2
  # shellcheck disable=SC2086 # BENCH_RELAY_JAVA_OPTS is a list of JVM options
  "$java" ${BENCH_RELAY_JAVA_OPTS:-} -cp "$classpath" dev.nexus.bench.BenchRelay 0 "$upstream" "${BENCH_RELAY_CLIENT:-helidon}" >"$work/relay.log" 2>&1 &
  relay_pid=$!
  await_line "$work/relay.log" '^BENCH_RELAY_PORT=[0-9]+' 30 "$relay_pid"
  relay_port="$(sed -n 's/^BENCH_RELAY_PORT=\([0-9]*\).*/\1/p' "$work/relay.log" | head -1)"
  relay_args=(--relay "http://127.0.0.1:$relay_port" --relay-pid "$relay_pid")
fi

# Nexus sees only the fake: every Google endpoint it would call points at the loopback upstream.
mkdir -p "$work/nexus"
nexus_env=(
  HOST=127.0.0.1
  PORT=0
  NEXUS_DB="$work/nexus/nexus.db"
  NEXUS_API_KEY="$key"
  NEXUS_CLOUDCODE_BASE_URLS="$upstream/v1internal"
  NEXUS_GOOGLE_TOKEN_URL="$upstream/token"
  NEXUS_GOOGLE_USERINFO_URL="$upstream/userinfo"
  GOOGLE_CLIENT_ID=bench
  NEXUS_MODEL_ROUTES_FILE="$repo/config/model_routes.yaml"
)

echo "run-latency: importing the bench account" >&2
(cd "$work/nexus" && env "${nexus_env[@]}" "$java" --enable-native-access=ALL-UNNAMED -jar "$nexus_jar" \
  accounts import --refresh-token 1//bench --email bench@example.com --project bench-project) >&2

echo "run-latency: starting Nexus" >&2
# shellcheck disable=SC2086 # BENCH_NEXUS_JAVA_OPTS is a list of JVM options
(cd "$work/nexus" && exec env "${nexus_env[@]}" "$java" --enable-native-access=ALL-UNNAMED ${BENCH_NEXUS_JAVA_OPTS:-} \
  -jar "$nexus_jar" serve) >"$work/nexus.log" 2>&1 &
nexus_pid=$!
# The port comes from the start-up log line, or (when NEXUS_LOG_LEVEL hides it) from the socket Nexus listens on.
nexus_port=""
for _ in $(seq 600); do
  kill -0 "$nexus_pid" 2>/dev/null || { echo "run-latency: Nexus exited; its log:" >&2; cat "$work/nexus.log" >&2; exit 1; }
  nexus_port="$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/nexus.log" | head -1)"
  if [ -z "$nexus_port" ] && command -v ss >/dev/null 2>&1; then
    nexus_port="$(ss -Hltnp 2>/dev/null | grep "pid=$nexus_pid," | sed -n 's/.*127\.0\.0\.1\]\{0,1\}:\([0-9][0-9]*\) .*/\1/p' | head -1 || true)"
  fi
  [ -n "$nexus_port" ] && break
  sleep 0.1
done
[ -n "$nexus_port" ] || { echo "run-latency: Nexus did not start listening within 60 s; its log:" >&2; cat "$work/nexus.log" >&2; exit 1; }
nexus="http://127.0.0.1:$nexus_port"
if command -v curl >/dev/null 2>&1; then
  for _ in $(seq 100); do
    curl -fsS "$nexus/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -fsS "$nexus/healthz" >/dev/null
fi # without curl, the load generator's preflight requests are the readiness check

echo "run-latency: upstream $upstream, Nexus $nexus${relay_port:+, floor relay http://127.0.0.1:$relay_port}; $clients clients, warm-up ${warmup}s and ${measure}s per scenario" >&2
"$java" -cp "$classpath" dev.nexus.bench.LoadGenerator --upstream "$upstream" --nexus "$nexus" --key "$key" "${relay_args[@]}" \
  --clients "$clients" --warmup "$warmup" --measure "$measure" --rounds "$rounds" --rate "$rate" \
  --upstream-pid "$upstream_pid" --nexus-pid "$nexus_pid" --clock-ticks "$(getconf CLK_TCK 2>/dev/null || echo 100)"
