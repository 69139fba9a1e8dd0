#!/usr/bin/env bash
# Makes an AOT cache for Nexus (JEP 483/514/515) by one training run: starts `serve` on a throw-away state directory
# (whose database a first, untrained start created) with -XX:AOTCacheOutput, sends the requests a freshly started server
# answers first (health, model lists, chat requests in the OpenAI, Anthropic, Gemini and Responses dialects through the
# OpenAI-compatible client), stops it with SIGTERM, and the JVM writes the cache as it exits.
#
#   aot-train.sh <java-binary> <nexus.jar> <out.aot> [JVM options...]
#   aot-train.sh            (in a checkout: $JAVA_HOME/bin/java target/nexus.jar target/nexus.aot @config/jvm.options)
#
# A cache only fits the runtime that made it and the exact jar (same name, size and modification time; the two may move
# together), so run this with the java that will use the cache (the JDK for ./nexus, the jlinked runtime for the dist), and with
# the JVM options it will run with (config/jvm.options, e.g. as @config/jvm.options; the collector matters, and
# --enable-native-access=ALL-UNNAMED, which this script adds, must be on the launcher's command line too, or the JVM
# drops the cache with an error). It needs nothing but bash: requests go over bash's /dev/tcp, and the only upstream
# is the built-in `nvidia` provider pointed at a closed loopback port (the chat requests train the client's error path),
# so the training never leaves the machine. That provider is set by environment variables, not by a providers or
# routes file: the JVM loads every class in the cache on every start, and a YAML parser (~70 classes) is not what a
# start without such files needs.
set -euo pipefail

if [ $# -eq 0 ]; then
  checkout="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  set -- "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" "$checkout/target/nexus.jar" "$checkout/target/nexus.aot" \
    "@$checkout/config/jvm.options"
fi
if [ $# -lt 3 ]; then
  echo "usage: $0 <java-binary> <nexus.jar> <out.aot> [extra JVM options...]" >&2
  exit 2
fi
java_bin="$1" jar="$2" out="$3"
shift 3
[ -x "$java_bin" ] || { echo "aot-train: no java at $java_bin" >&2; exit 2; }
[ -f "$jar" ] || { echo "aot-train: no jar at $jar (build it first: ./mvnw -DskipTests package)" >&2; exit 2; }
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
jar="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"

work="$(mktemp -d "${TMPDIR:-/tmp}/nexus-aot.XXXXXX")"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

key="sk-nx-aot-train-0123456789abcdef"

rm -f "$out"
# Starts serve on the throw-away state with the JVM options given and any extra ones; sets pid and port.
start_serve() {
  (cd "$work" && exec env HOST=127.0.0.1 PORT=0 NEXUS_DB="$work/nexus.db" NEXUS_API_KEY="$key" \
    NEXUS_NVIDIA_API_KEY="$key" NEXUS_NVIDIA_BASE_URL="http://127.0.0.1:1/v1" \
    "$java_bin" "${jvm_options[@]}" "$@" --enable-native-access=ALL-UNNAMED -jar "$jar" serve) \
    >"$work/serve.log" 2>&1 &
  pid=$!
  port=""
  for _ in $(seq 1200); do
    kill -0 "$pid" 2>/dev/null || { echo "aot-train: the training server exited; its log:" >&2; cat "$work/serve.log" >&2; exit 1; }
    port="$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/serve.log" | head -1)"
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "aot-train: the training server did not listen within 120 s; its log:" >&2; cat "$work/serve.log" >&2; exit 1; }
}
jvm_options=("$@")

# One HTTP/1.1 request over /dev/tcp; prints the status line. $1 method, $2 path, $3 body (optional), then headers.
request() {
  local method="$1" path="$2" body="${3:-}" fd status
  shift 3 || shift $#
  exec {fd}<>"/dev/tcp/127.0.0.1/$port"
  {
    printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n' "$method" "$path" "$port"
    local header
    for header in "$@"; do printf '%s\r\n' "$header"; done
    if [ -n "$body" ]; then
      printf 'Content-Type: application/json\r\nContent-Length: %s\r\n' "${#body}"
    fi
    printf '\r\n%s' "$body"
  } >&"$fd"
  status="$(head -1 <&"$fd" | tr -d '\r')"
  cat <&"$fd" >/dev/null
  exec {fd}>&-
  printf '%s %s: %s\n' "$method" "$path" "$status"
}

# A first start creates the database, so the training run below starts as every later start does: on a database whose
# schema is current, where Flyway is skipped. Trained on a new database, the cache would hold Flyway's ~400 classes,
# and the JVM maps and loads every class in the cache on every start, needed or not. It also routes the training's
# model name to the nvidia provider (the closed port).
start_serve
route="$(request POST /api/model-routes '{"client_model":"train-chat","target_provider":"nvidia","target_model":"no-such-model"}')"
case "$route" in
  *" 201 "*) ;;
  *) echo "aot-train: could not route the training model: $route; the server's log:" >&2; cat "$work/serve.log" >&2; exit 1 ;;
esac
kill -TERM "$pid"
wait "$pid" || true
pid=""

start_serve -XX:AOTCacheOutput="$out"

auth="Authorization: Bearer $key"
chat='{"model":"train-chat","messages":[{"role":"user","content":"hello"}]}'
chat_stream='{"model":"train-chat","stream":true,"messages":[{"role":"user","content":"hello"}]}'
messages='{"model":"train-chat","max_tokens":16,"messages":[{"role":"user","content":"hello"}]}'
genai='{"contents":[{"role":"user","parts":[{"text":"hello"}]}]}'
responses='{"model":"train-chat","input":"hello"}'
{
  for _ in 1 2 3; do
    # The paths clients and health checks use; not the operator's (admin API, dashboard, /metrics): every start maps
    # and loads every class in the cache, and these load from the jar on first use instead (10–30 ms longer, once).
    request GET /healthz
    request GET /readyz
    request GET /v1/models "" "$auth"
    request POST /v1/chat/completions "$chat" "$auth"
    request POST /v1/chat/completions "$chat_stream" "$auth"
    request POST /v1/messages "$messages" "$auth" "anthropic-version: 2023-06-01"
    request POST /v1beta/models/train-chat:generateContent "$genai" "x-goog-api-key: $key"
    request POST /v1/responses "$responses" "$auth"
    request POST /v1/chat/completions '{"model":' "$auth"
    request GET /v1/models
  done
} >"$work/requests.log" 2>&1 || { echo "aot-train: a training request failed:" >&2; cat "$work/requests.log" >&2; exit 1; }

kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=""
if [ ! -s "$out" ]; then
  echo "aot-train: the JVM exited ($status) without writing $out; its log:" >&2
  cat "$work/serve.log" >&2
  exit 1
fi
echo "aot-train: wrote $out ($(du -h "$out" | cut -f1)); training answers: $(awk '{ print $4 }' "$work/requests.log" | sort | uniq -c | tr -s ' ' | tr '\n' ',' | sed 's/,$//')" >&2
