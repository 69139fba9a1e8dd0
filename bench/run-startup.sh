#!/usr/bin/env bash
# Start-up and footprint (issue 18 §3): how fast Nexus is ready and how much memory it holds, with the JVM options of
# one configuration. Reports, with the 1-minute load average at each step:
#   - the median time of BENCH_RUNS (7) plain `java -version` runs of the same runtime, the floor of any JVM start;
#   - the median time from process start to the first 200 from /healthz over BENCH_RUNS `serve` starts on an existing
#     database (one untimed start made it), its ratio to `java -version`, the CPU time spent until then and the RSS;
#   - the same for the floor relay of the latency benchmark (BenchRelay: a Helidon server and client, nothing of Nexus),
#     with the same JVM options and, in mode after, an AOT cache of its own trained in the run: what a server on this
#     stack needs to be ready at all;
#   - saturated throughput: LoadGenerator (gemini scenario, BENCH_CLIENTS (32) clients back to back) against the fake
#     upstream for BENCH_BURST (60) s in all, and Nexus's RSS after it (and its peak);
#   - the peak RSS with BENCH_STREAMS (1000) slow streams open at once (StreamLoad, 30 events 200 ms apart).
# Configuration: BENCH_MODE=after (default) runs with the launchers' defaults (config/jvm.options) and the AOT cache
# target/nexus.aot when it is newer than the jar; BENCH_MODE=before runs with the JVM's own defaults and no cache.
# BENCH_NEXUS_JAVA_OPTS is added after either (it wins; a collector named there replaces the file's, as in the launchers); BENCH_NEXUS_JAR and BENCH_NEXUS_AOT name another jar and its
# cache (e.g. a copy of an earlier build, for a before/after of code changes). BENCH_SKIP_BUILD=1 reuses target/; BENCH_SKIP_LOAD=1 measures
# start-up only. BENCH_PORTKEY=<npm install dir>/node_modules/@portkey-ai/gateway/build/start-server.js also times the
# start of Portkey's gateway, the peer issue 18 measured. See bench/README.md and docs/footprint.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/common.sh
. bench/common.sh
set -f # JVM options are split on spaces, never globbed ('-Xlog:aot*=...')

mode="${BENCH_MODE:-after}"
runs="${BENCH_RUNS:-7}"
clients="${BENCH_CLIENTS:-32}"
burst="${BENCH_BURST:-60}"
streams="${BENCH_STREAMS:-1000}"

load() { cut -d' ' -f1 /proc/loadavg; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "?"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
cpu_ms() { awk -v hz="$(getconf CLK_TCK 2>/dev/null || echo 100)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$1/stat"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

bench_build
options=()
case "$mode" in
  before) ;;
  after)
    # The launchers' own options, by their rule (src/dist/lib/jvm-options.sh): config/jvm.options, whose collector one
    # named in BENCH_NEXUS_JAVA_OPTS replaces.
    read -r -a options <<< "$(set -f; . src/dist/lib/jvm-options.sh; NEXUS_JAVA_OPTS="${BENCH_NEXUS_JAVA_OPTS:-}" nexus_jvm_options config/jvm.options)"
    aot="${BENCH_NEXUS_AOT:-$repo/target/nexus.aot}"
    if [ -f "$aot" ] && [ "$aot" -nt "$nexus_jar" ]; then
      options+=("-XX:AOTCache=$aot")
    else
      echo "bench: no AOT cache newer than the jar (make it: src/dist/aot-train.sh $java $nexus_jar target/nexus.aot \$(cat config/jvm.options))" >&2
    fi
    ;;
  *) echo "bench: BENCH_MODE is before or after, not '$mode'" >&2; exit 2 ;;
esac
# shellcheck disable=SC2206 # a list of JVM options
options+=(${BENCH_NEXUS_JAVA_OPTS:-})
echo "bench: mode $mode; JVM options: ${options[*]:-(none)}" >&2

# 1. The floor: the runtime alone.
load_start="$(load)"
version_ms=()
for _ in $(seq "$runs"); do
  t0=$(date +%s%N)
  "$java" -version 2>/dev/null
  version_ms+=($(( ($(date +%s%N) - t0) / 1000000 )))
done

# 2. Ready: process start to the first 200 from /healthz (or $ready_path), timed over one untimed start and $runs timed
# ones; the command comes after the label and the directory it runs in, with PORT in its environment. Sets ready_ms,
# ready_cpu and ready_rss.
# Polls URL $1 every 10 ms until it answers 200; fails once process $2 has exited.
await_healthy() {
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.01
  done
}

time_starts() {
  local label="$1" dir="$2" run port t0 t1 pid
  shift 2
  local path="${ready_path:-/healthz}"
  ready_ms=() ready_cpu=() ready_rss=()
  for run in $(seq 0 "$runs"); do
    port=$((20000 + RANDOM % 20000))
    t0=$(date +%s%N)
    (cd "$dir" && PORT="$port" exec "$@") >"$work/$label-$run.log" 2>&1 &
    pid=$!
    await_healthy "http://127.0.0.1:$port$path" "$pid" \
      || { echo "bench: $label exited; its log:" >&2; cat "$work/$label-$run.log" >&2; exit 1; }
    t1=$(date +%s%N)
    if [ "$run" -gt 0 ]; then
      ready_ms+=($(( (t1 - t0) / 1000000 )))
      ready_cpu+=("$(cpu_ms "$pid")")
      ready_rss+=("$(rss_kb "$pid")")
    fi
    kill -TERM "$pid"
    wait "$pid" || true
  done
}

# Nexus on a database the untimed first start created.
state="$work/ready"
mkdir -p "$state"
time_starts ready "$state" env HOST=127.0.0.1 NEXUS_DB="$state/nexus.db" NEXUS_API_KEY="$key" \
  "$java" --enable-native-access=ALL-UNNAMED "${options[@]}" -jar "$nexus_jar" serve
load_ready="$(load)"
v="$(printf '%s\n' "${version_ms[@]}" | median)"
r="$(printf '%s\n' "${ready_ms[@]}" | median)"
nexus_ready_ms=("${ready_ms[@]}")
nexus_ready_cpu="$(printf '%s\n' "${ready_cpu[@]}" | median)"
nexus_ready_rss="$(printf '%s\n' "${ready_rss[@]}" | median)"

# The floor: the relay of the latency benchmark (dev.nexus.bench.BenchRelay: a Helidon server and client set up as
# Nexus's, no database, no JSON library), started the same way with the same JVM options and from the same jar (its
# Helidon; one jar, as Nexus runs, since a class path of many jars costs a start ~0.1 s here). In mode after it has an
# AOT cache of its own, trained here by one start and a few health checks; the AOT cache takes classes from jars only,
# so the bench classes are packed into one. It never calls the upstream it is given.
floor="$work/floor"
mkdir -p "$floor"
"$JAVA_HOME/bin/jar" cf "$floor/bench.jar" -C "$repo/target/test-classes" dev/nexus/bench
floor_cp="$floor/bench.jar:$nexus_jar"
floor_options=()
for o in "${options[@]}"; do
  case "$o" in -XX:AOTCache=*) ;; *) floor_options+=("$o") ;; esac
done
if [ "$mode" = after ]; then
  port=$((20000 + RANDOM % 20000))
  PORT="$port" "$java" "${floor_options[@]}" -XX:AOTCacheOutput="$floor/relay.aot" -cp "$floor_cp" \
    dev.nexus.bench.BenchRelay "$port" http://127.0.0.1:9 >"$work/floor-training.log" 2>&1 &
  pid=$!
  await_healthy "http://127.0.0.1:$port/healthz" "$pid" \
    || { echo "bench: the floor relay exited in its AOT training; its log:" >&2; cat "$work/floor-training.log" >&2; exit 1; }
  for _ in 1 2 3 4 5; do curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null || true; done
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" || true
  [ -f "$floor/relay.aot" ] || { echo "bench: the floor relay's AOT training made no cache; its log:" >&2; cat "$work/floor-training.log" >&2; exit 1; }
  floor_options+=("-XX:AOTCache=$floor/relay.aot")
fi
# shellcheck disable=SC2016 # $PORT is the relay's own, expanded by the shell time_starts runs it in
time_starts floor "$floor" sh -c 'exec "$0" "$@" "$PORT" http://127.0.0.1:9' "$java" "${floor_options[@]}" \
  -cp "$floor_cp" dev.nexus.bench.BenchRelay
f="$(printf '%s\n' "${ready_ms[@]}" | median)"
floor_ready_ms=("${ready_ms[@]}")
floor_ready_rss="$(printf '%s\n' "${ready_rss[@]}" | median)"

# Optionally a peer for scale: Portkey's gateway (Node), which issue 18 measured Nexus beside, from a scratch npm install
# (BENCH_PORTKEY names its build/start-server.js); it answers GET / once it listens.
portkey_row=""
if [ -n "${BENCH_PORTKEY:-}" ]; then
  # shellcheck disable=SC2016 # $PORT is expanded by the shell time_starts runs it in
  ready_path=/ time_starts portkey "$work" sh -c 'exec node "$0" --port="$PORT" --headless' "$BENCH_PORTKEY"
  p="$(printf '%s\n' "${ready_ms[@]}" | median)"
  portkey_row="| Portkey's gateway (\`$BENCH_PORTKEY\`): ready (median of $runs; all runs), RSS at ready | $p ms ($(awk -v a="$p" -v b="$v" 'BEGIN { printf "%.1f", a / b }')× \`java -version\`; ${ready_ms[*]}), $(mib "$(printf '%s\n' "${ready_rss[@]}" | median)") MiB |"
fi

# 3. A burst at saturation, then 4. many open streams; each against its own fake upstream and a fresh Nexus.
burst_rss="?" burst_peak="?" throughput="?" cpu_per_request="?" stream_peak="?" load_burst="?" load_streams="?" finished="?"
sample_peak() { # $1 pid, $2 file: the highest RSS every 100 ms until the file .stop exists
  local peak=0 now
  while [ ! -e "$2.stop" ]; do
    now="$(rss_kb "$1")"
    now="${now:-0}" # a process that has exited has no VmRSS line
    [ "$now" -gt "$peak" ] && peak="$now"
    sleep 0.1
  done
  echo "$peak" >"$2"
}
if [ "${BENCH_SKIP_LOAD:-0}" != 1 ]; then
  BENCH_NEXUS_JAVA_OPTS="${options[*]}"
  export BENCH_NEXUS_JAVA_OPTS
  start_upstream
  start_nexus "$nexus_jar" burst
  sample_peak "$nexus_pid" "$work/burst.peak" &
  sampler=$!
  # Half the burst warms up, half is measured; the generator runs Nexus's scenarios between the direct ones, so Nexus
  # carries the load for about the burst's length in all.
  half=$((burst / 2))
  "$java" -cp "$classpath" dev.nexus.bench.LoadGenerator --upstream "$upstream" --nexus "$nexus" --key "$key" \
    --clients "$clients" --warmup "$((half / 2))" --measure "$half" --rounds 1 --rate 0 \
    --upstream-pid "$upstream_pid" --nexus-pid "$nexus_pid" --clock-ticks "$(getconf CLK_TCK 2>/dev/null || echo 100)" \
    >"$work/burst.md" 2>"$work/burst.err" || { cat "$work/burst.err" >&2; exit 1; }
  touch "$work/burst.peak.stop"
  wait "$sampler"
  burst_rss="$(mib "$(rss_kb "$nexus_pid")")"
  burst_peak="$(mib "$(cat "$work/burst.peak")")"
  load_burst="$(load)"
  # The Nexus rows of the generator's table: non-stream and stream requests a second.
  # The generator's tables: requests a second (first table) and Nexus's CPU per request (the CPU table).
  throughput="$(awk -F'|' '/^\| \([bd]\) via Nexus/ && n < 2 { gsub(/ /, "", $5); printf "%s%s", sep, $5; sep = " / "; n++ }' "$work/burst.md")"
  cpu_per_request="$(awk -F'|' '/^\| \([bd]\) via Nexus/ { n++; if (n > 2) { gsub(/ /, "", $5); printf "%s%s", sep, $5; sep = " / " } }' "$work/burst.md")"
  [ -n "$throughput" ] || { echo "bench: no Nexus rows in the generator's output:" >&2; cat "$work/burst.md" >&2; exit 1; }

  bench_stop_one() { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
  bench_stop_one "$nexus_pid"
  bench_stop_one "$upstream_pid"
  start_upstream 30 200
  start_nexus "$nexus_jar" streams
  sample_peak "$nexus_pid" "$work/streams.peak" &
  sampler=$!
  "$java" -cp "$classpath" dev.nexus.bench.StreamLoad --upstream "$upstream" --nexus "$nexus" --key "$key" \
    --streams "$streams" --events 30 --interval-ms 200 --deadline 60 --rounds 1 --warmups 1 \
    --upstream-pid "$upstream_pid" --nexus-pid "$nexus_pid" --clock-ticks "$(getconf CLK_TCK 2>/dev/null || echo 100)" \
    >"$work/streams.md" 2>"$work/streams.err" || { cat "$work/streams.err" >&2; exit 1; }
  touch "$work/streams.peak.stop"
  wait "$sampler"
  stream_peak="$(mib "$(cat "$work/streams.peak")")"
  finished="$(awk -F'|' '/^\| nexus \|/ { gsub(/^ +| +$/, "", $4); print $4; exit }' "$work/streams.md")"
  load_streams="$(load)"
fi

cat <<MD
### Start-up and footprint, mode $mode ($(date -u +%Y-%m-%dT%H:%MZ))

JVM options: \`${options[*]:-(JVM defaults)}\`; $(nproc) cores; 1-minute load average $load_start before, $load_ready after
the start-ups, $load_burst after the burst, $load_streams after the streams.

| measure | value |
|---|---:|
| \`java -version\` (median of $runs) | $v ms |
| ready: process start to /healthz 200 (median of $runs) | **$r ms** ($(awk -v a="$r" -v b="$v" 'BEGIN { printf "%.1f", a / b }')× \`java -version\`, $(awk -v a="$r" -v b="$f" 'BEGIN { printf "%.2f", a / b }')× the floor relay's) |
| ready, all runs | ${nexus_ready_ms[*]} ms |
| CPU time until ready (median) | $nexus_ready_cpu ms |
| RSS at ready (median) | **$(mib "$nexus_ready_rss") MiB** |
| the floor relay: ready (median of $runs; all runs), RSS at ready | $f ms ($(awk -v a="$f" -v b="$v" 'BEGIN { printf "%.1f", a / b }')× \`java -version\`; ${floor_ready_ms[*]}), $(mib "$floor_ready_rss") MiB |
${portkey_row:+$portkey_row
}| saturated throughput, $clients clients (non-stream / stream req/s) | $throughput |
| Nexus CPU per request at saturation (non-stream / stream µs) | $cpu_per_request |
| RSS after the ${burst} s burst (peak during it) | **$burst_rss MiB** ($burst_peak) |
| peak RSS with $streams open streams (streams finished) | **$stream_peak MiB** ($finished) |
MD
