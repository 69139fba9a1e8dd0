#!/usr/bin/env bash
# Two Nexus configurations side by side (issue 18 §3): throughput of separate runs differs by ±20 % on this shared
# 2-core machine, so the two run at once, on one fake upstream, and LoadGenerator alternates its measured rounds between
# them (ABBA). Configuration A takes the Nexus slot (scenarios b, d), configuration B the floor relay's slot (e, f).
#   BENCH_A_JAVA_OPTS / BENCH_B_JAVA_OPTS   JVM options after config/jvm.options (a collector named there replaces the
#                                           file's, as the launchers do)
#   BENCH_A_JAR / BENCH_B_JAR               jars (default target/nexus.jar); BENCH_A_AOT / BENCH_B_AOT their AOT caches
#                                           (default: the jar's directory's nexus.aot when newer than the jar)
#   BENCH_CLIENTS (32), BENCH_WARMUP (15), BENCH_MEASURE (36), BENCH_ROUNDS (6), BENCH_SKIP_BUILD, BENCH_KEEP
# Prints LoadGenerator's report (A is "via Nexus", B "via floor relay") and each process's RSS afterwards. About 5 min.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/common.sh
. bench/common.sh
set -f # JVM options are split on spaces below, never globbed
# shellcheck source=src/dist/lib/jvm-options.sh
. src/dist/lib/jvm-options.sh
bench_build

# The launchers' options for one configuration, by their own rule (src/dist/lib/jvm-options.sh: config/jvm.options,
# whose collector an extra one replaces), then the AOT cache and the extra options, which win.
options_for() { # $1 extra options, $2 jar, $3 AOT cache (may be empty)
  local extra="$1" jar="$2" aot="$3" options
  options="$(NEXUS_JAVA_OPTS="$extra" nexus_jvm_options config/jvm.options)"
  [ -n "$aot" ] || aot="$(dirname "$jar")/nexus.aot"
  if [ -f "$aot" ] && [ "$aot" -nt "$jar" ]; then
    options="$options -XX:AOTCache=$(absolute "$aot")"
  else
    echo "bench: no AOT cache newer than $jar; that configuration runs without one" >&2
  fi
  # shellcheck disable=SC2086 # unquoted on purpose: one space between options (globbing is off)
  echo $options $extra
}
absolute() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; } # Nexus starts in its own directory
jar_a="$(absolute "${BENCH_A_JAR:-$nexus_jar}")"
jar_b="$(absolute "${BENCH_B_JAR:-$nexus_jar}")"
options_a="$(options_for "${BENCH_A_JAVA_OPTS:-}" "$jar_a" "${BENCH_A_AOT:-}")"
options_b="$(options_for "${BENCH_B_JAVA_OPTS:-}" "$jar_b" "${BENCH_B_AOT:-}")"
echo "bench: A = $jar_a $options_a" >&2
echo "bench: B = $jar_b $options_b" >&2

start_upstream
BENCH_NEXUS_JAVA_OPTS="$options_a" start_nexus "$jar_a" nexus-a
pid_a=$nexus_pid url_a=$nexus
BENCH_NEXUS_JAVA_OPTS="$options_b" start_nexus "$jar_b" nexus-b
pid_b=$nexus_pid url_b=$nexus

"$java" -cp "$classpath" dev.nexus.bench.LoadGenerator --upstream "$upstream" --nexus "$url_a" --relay "$url_b" \
  --key "$key" --clients "${BENCH_CLIENTS:-32}" --warmup "${BENCH_WARMUP:-15}" --measure "${BENCH_MEASURE:-36}" \
  --rounds "${BENCH_ROUNDS:-6}" --rate 0 --upstream-pid "$upstream_pid" --nexus-pid "$pid_a" --relay-pid "$pid_b" \
  --clock-ticks "$(getconf CLK_TCK 2>/dev/null || echo 100)"
rss() { awk '/^VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"; }
cat <<MD

Side by side: **A** (rows "via Nexus") \`$options_a\` on \`$(basename "$jar_a")\`, RSS afterwards $(rss "$pid_a");
**B** (rows "via floor relay") \`$options_b\` on \`$(basename "$jar_b")\`, RSS afterwards $(rss "$pid_b");
1-minute load average at the end $(cut -d' ' -f1 /proc/loadavg).
MD
