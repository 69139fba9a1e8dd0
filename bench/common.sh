# Shared by the benchmark scripts (sourced, not run): the JDK, a temporary directory cleaned up on exit, the build, and
# starting the fake upstream, the floor relay and Nexus on loopback. Each start sets a *_pid and a base URL variable.

export JAVA_HOME="${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
[ -x "$java" ] || { echo "bench: no java at $java (set BENCH_JAVA_HOME to a JDK 21+)" >&2; exit 2; }

repo="$(pwd)"
key="sk-nx-bench-$(date +%s)-$$"
work="$(mktemp -d "${TMPDIR:-/tmp}/nexus-bench.XXXXXX")"
upstream_pid=""
nexus_pid=""
relay_pid=""
started_pids=""

bench_stop() {
  # Only the servers this script started, by their process ids.
  for pid in $started_pids; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in $started_pids; do
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "${BENCH_KEEP:-0}" = 1 ]; then
    echo "bench: logs kept in $work" >&2
  else
    rm -rf "$work"
  fi
}
trap bench_stop EXIT
trap 'exit 130' INT TERM

# Waits until file $1 has a line matching the extended regex $2 (up to $3 seconds, while process $4 lives).
await_line() {
  local file="$1" pattern="$2" seconds="$3" pid="$4"
  for _ in $(seq $((seconds * 10))); do
    if grep -Eq "$pattern" "$file" 2>/dev/null; then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { echo "bench: process $pid exited; its log:" >&2; cat "$file" >&2; return 1; }
    sleep 0.1
  done
  echo "bench: timed out waiting for '$pattern' in $file:" >&2
  cat "$file" >&2
  return 1
}

# Builds the jar and the test classes (where the benchmark lives); sets classpath and nexus_jar.
bench_build() {
  echo "bench: load average before the build: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)" >&2
  echo "bench: building (jar, test classes, test classpath)" >&2
  # -DskipTests still compiles the test sources; it only skips running them.
  if [ "${BENCH_SKIP_BUILD:-0}" = 1 ]; then
    # The jar and test classes already built (e.g. the second run of an A/B); only the classpath is listed.
    ./mvnw -q -B -o dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" >&2
  else
    ./mvnw -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" >&2
  fi
  classpath="$repo/target/test-classes:$(cat "$work/classpath.txt")"
  nexus_jar="${BENCH_NEXUS_JAR:-$repo/target/nexus.jar}"
  [ -f "$nexus_jar" ] || { echo "bench: no Nexus jar at $nexus_jar" >&2; exit 2; }
  nexus_jar="$(cd "$(dirname "$nexus_jar")" && pwd)/$(basename "$nexus_jar")"
  echo "bench: Nexus jar $nexus_jar ($(sha256sum "$nexus_jar" 2>/dev/null | cut -c1-12 || echo '?'))" >&2
}

# Starts the fake upstream with the given extra arguments (after the port); sets upstream_pid and upstream.
start_upstream() {
  echo "bench: starting the fake upstream" >&2
  "$java" -cp "$classpath" dev.nexus.bench.BenchUpstream 0 "$@" >"$work/upstream.log" 2>&1 &
  upstream_pid=$!
  started_pids="$started_pids $upstream_pid"
  await_line "$work/upstream.log" '^BENCH_UPSTREAM_PORT=[0-9]+' 30 "$upstream_pid"
  upstream="http://127.0.0.1:$(sed -n 's/^BENCH_UPSTREAM_PORT=\([0-9]*\).*/\1/p' "$work/upstream.log" | head -1)"
}

# Starts the floor relay in front of $upstream; sets relay_pid and relay.
start_relay() {
  echo "bench: starting the floor relay" >&2
  # shellcheck disable=SC2086 # BENCH_RELAY_JAVA_OPTS is a list of JVM options
  "$java" ${BENCH_RELAY_JAVA_OPTS:-} -cp "$classpath" dev.nexus.bench.BenchRelay 0 "$upstream" "${BENCH_RELAY_CLIENT:-helidon}" >"$work/relay.log" 2>&1 &
  relay_pid=$!
  started_pids="$started_pids $relay_pid"
  await_line "$work/relay.log" '^BENCH_RELAY_PORT=[0-9]+' 30 "$relay_pid"
  relay="http://127.0.0.1:$(sed -n 's/^BENCH_RELAY_PORT=\([0-9]*\).*/\1/p' "$work/relay.log" | head -1)"
}

# Starts Nexus (from jar $1, default $nexus_jar, in directory $work/$2, default nexus) in front of $upstream with a bench
# account and client key $key; sets nexus_pid and nexus. Extra environment (NAME=value, overriding the defaults) comes
# from the array nexus_extra_env; nexus_google_account=0 leaves out the bench Google account.
nexus_extra_env=()
nexus_google_account=1
start_nexus() {
  local jar="${1:-$nexus_jar}" dir="$work/${2:-nexus}"
  mkdir -p "$dir"
  # Nexus sees only the fake: every Google endpoint it would call points at the loopback upstream.
  local nexus_env=(
    HOST=127.0.0.1
    PORT=0
    NEXUS_DB="$dir/nexus.db"
    NEXUS_API_KEY="$key"
    NEXUS_CLOUDCODE_BASE_URLS="$upstream/v1internal"
    NEXUS_GOOGLE_TOKEN_URL="$upstream/token"
    NEXUS_GOOGLE_USERINFO_URL="$upstream/userinfo"
    GOOGLE_CLIENT_ID=bench
    NEXUS_MODEL_ROUTES_FILE="$repo/config/model_routes.yaml"
    "${nexus_extra_env[@]}"
  )
  if [ "$nexus_google_account" = 1 ]; then
    echo "bench: importing the bench account" >&2
    (cd "$dir" && env "${nexus_env[@]}" "$java" --enable-native-access=ALL-UNNAMED -jar "$jar" \
      accounts import --refresh-token 1//bench --email bench@example.com --project bench-project) >&2
  fi

  echo "bench: starting Nexus" >&2
  # shellcheck disable=SC2086 # BENCH_NEXUS_JAVA_OPTS is a list of JVM options
  (cd "$dir" && exec env "${nexus_env[@]}" "$java" --enable-native-access=ALL-UNNAMED ${BENCH_NEXUS_JAVA_OPTS:-} \
    -jar "$jar" serve) >"$dir.log" 2>&1 &
  nexus_pid=$!
  started_pids="$started_pids $nexus_pid"
  # The port comes from the start-up log line, or (when NEXUS_LOG_LEVEL hides it) from the socket Nexus listens on.
  local nexus_port=""
  for _ in $(seq 600); do
    kill -0 "$nexus_pid" 2>/dev/null || { echo "bench: Nexus exited; its log:" >&2; cat "$dir.log" >&2; exit 1; }
    nexus_port="$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$dir.log" | head -1)"
    if [ -z "$nexus_port" ] && command -v ss >/dev/null 2>&1; then
      nexus_port="$(ss -Hltnp 2>/dev/null | grep "pid=$nexus_pid," | sed -n 's/.*127\.0\.0\.1\]\{0,1\}:\([0-9][0-9]*\) .*/\1/p' | head -1 || true)"
    fi
    [ -n "$nexus_port" ] && break
    sleep 0.1
  done
  [ -n "$nexus_port" ] || { echo "bench: Nexus did not start listening within 60 s; its log:" >&2; cat "$dir.log" >&2; exit 1; }
  nexus="http://127.0.0.1:$nexus_port"
  if command -v curl >/dev/null 2>&1; then
    for _ in $(seq 100); do
      curl -fsS "$nexus/healthz" >/dev/null 2>&1 && break
      sleep 0.1
    done
    curl -fsS "$nexus/healthz" >/dev/null
  fi
}

# Sets up the next start_nexus for the OpenAI-compatible fast path: no Google account, one catalog provider "bench" whose
# base URL is the fake's /v1, and one route bench-chat → bench/bench-model (files in $work, set in nexus_extra_env).
compat_nexus() {
  cat >"$work/compat_providers.yaml" <<YAML
providers:
  - id: bench
    enabled: true
    base_url: $upstream/v1
    auth_mode: bearer
    model_scope: all_models
    capabilities: [openai.chat]
    timeout: 30s
YAML
  cat >"$work/compat_routes.yaml" <<'YAML'
routes:
  - { client: bench-chat, provider: bench, target: bench-model }
YAML
  nexus_google_account=0
  nexus_extra_env=(
    NEXUS_OPENAI_COMPAT_PROVIDERS_FILE="$work/compat_providers.yaml"
    NEXUS_BENCH_API_KEY=sk-bench-upstream
    NEXUS_MODEL_ROUTES_FILE="$work/compat_routes.yaml"
  )
}
