#!/usr/bin/env bash
# Microbenchmarks (JMH) of Nexus's own work, without sockets: bench/README.md. Usage: bench/run-jmh.sh [JMH options],
# e.g. bench/run-jmh.sh ChunkPathBench -f 1 -wi 2 -i 3   (default: every benchmark in dev.nexus.bench with its own settings).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
work="$(mktemp -d "${TMPDIR:-/tmp}/nexus-jmh.XXXXXX")"
trap 'rm -rf "$work"' EXIT
echo "run-jmh: load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)" >&2
./mvnw -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" >&2
"$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat "$work/classpath.txt")" org.openjdk.jmh.Main "$@"
