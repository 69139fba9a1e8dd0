#!/usr/bin/env bash
# Checks the distribution that `./mvnw -Pdist package` built, as a user meets it, with no JDK to lean on:
#  1. the tarball, unpacked in a temp folder: bin/nexus version and serve (free port, temp state, /healthz, the
#     dashboard, /metrics, /v1/models with the generated key, SIGTERM) with a clean environment whose PATH has no
#     Java 21+ (only an older Java 17 when the machine has one, and JAVA_HOME pointing at it once), so only the bundled
#     runtime can run Nexus; with openssl, also a TLS 1.3 upstream with an ECDSA certificate (the runtime's crypto
#     modules) trusted through NEXUS_JAVA_OPTS;
#  2. the .deb (as root): dpkg -i, the files, owners and modes it promises, the unit's own command run as the unit
#     runs it (its User, EnvironmentFile, WorkingDirectory, ExecStart), an upgrade over itself, remove (state kept),
#     purge (state gone).
# Usage: src/dist/check.sh [TARGET_DIR]   (default: target/ of this checkout). Run by .ci/run.
set -euo pipefail

project="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="${1:-$project/target}"
work="$(mktemp -d /tmp/nexus-dist-check.XXXXXX)"
chmod 0755 "$work" # the nexus user runs nothing from here, but its parent must stay traversable for logs
server_pid=""
installed_by_us=false

say() { echo "dist-check: $*"; }
fail() { echo "dist-check: FAIL: $*" >&2; exit 1; }

cleanup() {
  if [ -n "$server_pid" ]; then kill -KILL "$server_pid" 2>/dev/null || true; fi
  if [ -n "${tls_pid:-}" ]; then kill "$tls_pid" 2>/dev/null || true; fi
  if $installed_by_us && dpkg-query -W -f='${Status}' nexus 2>/dev/null | grep -q installed; then
    dpkg --purge nexus >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

one_file() { # the single file matching a glob in $target
  # shellcheck disable=SC2206 # $1 is a glob on purpose
  local matches=("$target"/$1)
  [ ${#matches[@]} -eq 1 ] && [ -f "${matches[0]}" ] || fail "expected one $target/$1 (build it: ./mvnw -Pdist -DskipTests package)"
  printf '%s' "${matches[0]}"
}
tarball="$(one_file 'nexus-*-linux-x64.tar.gz')"
deb="$(one_file 'nexus_*_amd64.deb')"

expect_get() { # url, what the body must contain, [client key]
  local body
  body="$(curl -fsS --max-time 30 ${3:+-H "Authorization: Bearer $3"} "$1")" || fail "GET $1 failed"
  [[ "$body" == *"$2"* ]] || fail "GET $1 answered without '$2': ${body:0:300}"
}

# Starts "$@" in folder $2, in the background (stdout and stderr to $1.out/.err), and waits for the "listening on"
# line; sets $port and $ready_ms (from "ready N ms after the process started").
start_serving() {
  local log="$1" dir="$2"; shift 2
  (cd "$dir" && exec "$@") >"$log.out" 2>"$log.err" &
  server_pid=$!
  port=""
  local deadline=$((SECONDS + 180))
  while [ -z "$port" ]; do
    kill -0 "$server_pid" 2>/dev/null || { cat "$log.err" >&2; fail "serve exited before listening: $*"; }
    [ $SECONDS -lt $deadline ] || { cat "$log.err" >&2; fail "serve did not listen within 180 s: $*"; }
    port="$(grep -o 'listening on http://[^:]*:[0-9]*' "$log.err" 2>/dev/null | grep -o '[0-9]*$' || true)"
    [ -n "$port" ] || sleep 0.2
  done
  ready_ms="$(grep -o 'ready [0-9]* ms after the process started' "$log.err" | grep -o '[0-9]\+' || true)"
  [ -n "$ready_ms" ] || { cat "$log.err" >&2; fail "serve logged no 'ready N ms after the process started': $*"; }
}

# Stops the server start_serving started with SIGTERM and checks that it exits cleanly ($1: its log, for errors).
stop_serving() {
  kill -TERM "$server_pid"
  local code=0 deadline=$((SECONDS + 30))
  while kill -0 "$server_pid" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || fail "serve did not exit within 30 s of SIGTERM"
    sleep 0.2
  done
  wait "$server_pid" || code=$?
  server_pid=""
  [ "$code" -eq 0 ] || [ "$code" -eq 143 ] || { cat "$1.err" >&2; fail "serve exited with $code after SIGTERM"; }
}

# Whether the run that logged its class loading to file $1 took Nexus's own classes from the AOT cache (JDK 25 says
# "source: shared objects file" for a class from the cache, "source: jar:file:..." for one it loaded itself; a cache
# the JVM rejected has none of them): the proof that bin/nexus passes the options the cache was trained with.
expect_aot_used() {
  grep -q 'dev\.nexus\.cli\.ServeCommand source: shared objects file' "$1" \
    || fail "$2: serve did not take its classes from the AOT cache lib/nexus.aot ($(grep -m1 'dev\.nexus\.cli\.ServeCommand' "$1" || echo 'ServeCommand not loaded'); the JVM's reason: $(grep -i 'aot\|cds' "$3" | head -3))"
}

# Starts "$@" in folder $2, in the background (stdout and stderr to $1.out/.err), waits for the "listening on" line,
# checks /healthz, the dashboard, /metrics and (with the first client key from file $3) /v1/models, and the Gemini
# key proxy when $tls_upstream is set; then stops it with SIGTERM and checks that it exits cleanly.
serve_and_stop() {
  local log="$1" dir="$2" key_file="$3"; shift 3
  start_serving "$log" "$dir" "$@"
  local base="http://127.0.0.1:$port" key
  expect_get "$base/healthz" '"ok"'
  expect_get "$base/" '<html'
  expect_get "$base/metrics" 'jvm_'
  key="$(cat "$key_file")" || fail "serve wrote no first client key to $key_file"
  expect_get "$base/v1/models" '"data"' "$key"
  if [ -n "$tls_upstream" ]; then
    # openssl's status page, relayed from TLS. Its HTTP/1.0 answer has no length and ends by closing, which Nexus relays
    # as an answer that broke (curl then fails): what counts here is that its bytes came through the TLS handshake.
    local relayed
    relayed="$(curl -sS --max-time 30 -H "Authorization: Bearer $key" "$base/v1beta/models" 2>/dev/null || true)"
    [[ "$relayed" == *'s_server'* ]] || fail "the Gemini key proxy did not relay the TLS upstream: ${relayed:0:300}"
  fi
  stop_serving "$log"
  say "$(basename "$log"): serve answered /healthz, /, /metrics, /v1/models${tls_upstream:+ and a TLS upstream} on port $port, stopped on SIGTERM"
}

# --- 1. the tarball, no JDK on PATH ---------------------------------------------------------------------------------
old_java_bin="$(ls -d /usr/lib/jvm/java-17-openjdk-*/bin 2>/dev/null | head -n1 || true)"
clean_path="${old_java_bin:+$old_java_bin:}/usr/bin:/bin"
path_java="$(env -i PATH="$clean_path" sh -c 'command -v java || true')"
if [ -n "$path_java" ]; then
  path_java_version="$("$path_java" -version 2>&1 | grep -o 'version "[0-9]*' | grep -o '[0-9]*$' || true)"
  [ "${path_java_version:-0}" -lt 21 ] || fail "$path_java is Java $path_java_version: the check needs a PATH without Java 21+"
  say "PATH=$clean_path has Java $path_java_version ($path_java), too old for Nexus"
else
  say "PATH=$clean_path has no java"
fi

mkdir -p "$work/unpacked" "$work/home" "$work/state"
tar -C "$work/unpacked" -xzf "$tarball"
unpacked=("$work"/unpacked/nexus-*)
dist="${unpacked[0]}"
runtime_version="$("$dist/runtime/bin/java" -version 2>&1 | grep -o 'version "[0-9]*' | grep -o '[0-9]*$')"
clean_env=(env -i PATH="$clean_path" HOME="$work/home" LANG=C.UTF-8)

version="$("${clean_env[@]}" "$dist/bin/nexus" version)"
[[ "$version" == "nexus "*"java $runtime_version"* ]] || fail "bin/nexus version printed '$version', not the bundled Java $runtime_version"
if [ -n "$old_java_bin" ]; then
  version="$("${clean_env[@]}" JAVA_HOME="${old_java_bin%/bin}" "$dist/bin/nexus" version)"
  [[ "$version" == *"java $runtime_version"* ]] || fail "with JAVA_HOME=${old_java_bin%/bin}, bin/nexus version printed '$version'"
fi
say "tarball: $version"

# An HTTPS upstream (openssl's test server) for the Gemini key proxy: TLS 1.3 and ECDSA need the runtime's crypto.
tls_upstream="" tls_env=() tls_pid=""
if command -v openssl >/dev/null 2>&1; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -keyout "$work/tls.key" -out "$work/tls.crt" \
    -days 2 -nodes -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1,DNS:localhost 2>/dev/null
  "$dist/runtime/bin/keytool" -importcert -noprompt -alias upstream -file "$work/tls.crt" -keystore "$work/trust.p12" \
    -storetype pkcs12 -storepass changeit >/dev/null 2>&1
  openssl s_server -accept 127.0.0.1:0 -cert "$work/tls.crt" -key "$work/tls.key" -www </dev/null >"$work/tls.log" 2>&1 &
  tls_pid=$!
  for _ in $(seq 1 100); do
    tls_upstream="$(grep -o 'ACCEPT 127.0.0.1:[0-9]*' "$work/tls.log" 2>/dev/null | grep -o '[0-9]*$' || true)"
    [ -n "$tls_upstream" ] && break
    sleep 0.1
  done
  [ -n "$tls_upstream" ] || fail "openssl s_server did not start: $(cat "$work/tls.log")"
  tls_env=(NEXUS_GEMINI_API_KEY=AIza-dist-check NEXUS_GEMINI_BASE_URL="https://127.0.0.1:$tls_upstream")
  tls_java_opts="-Djavax.net.ssl.trustStore=$work/trust.p12 -Djavax.net.ssl.trustStorePassword=changeit"
else
  say "no openssl here: the TLS upstream is not checked"
fi
# Class loading is logged to standard output (serve writes nothing else there when it is not a terminal) to see
# where Nexus's classes came from: the AOT cache lib/nexus.aot, trained in target/dist/, must still fit here.
class_log="-Xlog:class+load=info:stdout"
serve_env=("${clean_env[@]}" PORT=0 NEXUS_DB="$work/state/nexus.db" NEXUS_GOOGLE_TOKEN_URL=http://127.0.0.1:9/token)
serve_and_stop "$work/tarball" "$work" "$work/state/nexus.db.first-client-key" "${serve_env[@]}" "${tls_env[@]}" \
  NEXUS_JAVA_OPTS="${tls_java_opts:-} $class_log" "$dist/bin/nexus" serve
if [ -n "$tls_pid" ]; then kill "$tls_pid" 2>/dev/null || true; fi
tls_upstream=""
[ -f "$work/state/nexus.db" ] || fail "serve did not create its database in the state folder"
expect_aot_used "$work/tarball.out" "tarball" "$work/tarball.err"
# What the cache is worth: the ready time of one start with it and one without (NEXUS_AOT=off), nothing else logged.
start_serving "$work/tarball-aot" "$work" "${serve_env[@]}" "$dist/bin/nexus" serve
stop_serving "$work/tarball-aot"
with_aot="$ready_ms"
start_serving "$work/tarball-no-aot" "$work" "${serve_env[@]}" NEXUS_AOT=off "$dist/bin/nexus" serve
stop_serving "$work/tarball-no-aot"
say "tarball: serve used the AOT cache (unpacked away from where it was trained); ready $with_aot ms with it, $ready_ms ms without (NEXUS_AOT=off)"

# --- 2. the .deb -----------------------------------------------------------------------------------------------------
if [ "$(id -u)" -ne 0 ]; then
  say "skipped the .deb: installing it needs root"
  exit 0
fi
if dpkg-query -W -f='${Status}' nexus 2>/dev/null | grep -q installed; then
  fail "a nexus package is already installed here; this check installs and purges its own: remove it first (dpkg --purge nexus)"
fi
installed_by_us=true
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg -i $deb failed"; }

expect_stat() { # path, "mode owner:group"
  local actual
  actual="$(stat -c '%a %U:%G' "$1" 2>/dev/null)" || fail "$1 is missing"
  [ "$actual" = "$2" ] || fail "$1 is $actual, expected $2"
}
getent passwd nexus >/dev/null || fail "postinst created no nexus user"
expect_stat /var/lib/nexus "700 nexus:nexus"
expect_stat /etc/nexus/nexus.env "640 root:nexus"
expect_stat /usr/lib/nexus/bin/nexus "755 root:root"
[ "$(readlink -f /usr/bin/nexus)" = /usr/lib/nexus/bin/nexus ] || fail "/usr/bin/nexus does not lead to /usr/lib/nexus/bin/nexus"
expect_stat /etc/nexus/jvm.options "644 root:root"
for conffile in /etc/nexus/nexus.env /etc/nexus/jvm.options; do
  dpkg-query -W -f='${Conffiles}' nexus | grep -q "$conffile" || fail "$conffile is not a conffile"
done
# bin/nexus reads the admin's /etc/nexus/jvm.options (this marker must reach the JVM), and upgrades keep the edit.
echo '-Dnexus.dist.check=from-etc' >> /etc/nexus/jvm.options
env -i PATH="$clean_path" NEXUS_JAVA_OPTS=-XshowSettings:properties /usr/bin/nexus version 2>&1 | grep -q 'nexus.dist.check = from-etc' \
  || fail "/usr/bin/nexus did not pass the options of /etc/nexus/jvm.options"
[[ "$(env -i PATH="$clean_path" /usr/bin/nexus version)" == *"java $runtime_version"* ]] || fail "/usr/bin/nexus version"

# The unit's command, run as systemd would run it (this machine has no running systemd).
unit=/lib/systemd/system/nexus.service
if command -v systemd-analyze >/dev/null 2>&1; then
  systemd-analyze verify "$unit" || fail "systemd-analyze verify $unit found problems"
fi
unit_value() { sed -n "s/^$1=//p" "$unit" | tail -n1; }
user="$(unit_value User)" env_file="$(unit_value EnvironmentFile)" dir="$(unit_value WorkingDirectory)"
read -r -a exec_start <<< "$(unit_value ExecStart)"
[ -n "$user" ] && [ -n "$env_file" ] && [ -n "$dir" ] && [ ${#exec_start[@]} -gt 0 ] || fail "$unit lacks User, EnvironmentFile, WorkingDirectory or ExecStart"
unit_env=()
while IFS= read -r line; do
  case "$line" in ''|'#'*) ;; *) unit_env+=("$line") ;; esac
done < "$env_file"
# PORT=0 (a free port) is the one change from the unit: a CI machine may have something on 8080.
serve_and_stop "$work/deb" "$dir" "$dir/nexus.db.first-client-key" setpriv --reuid="$user" --regid="$user" --init-groups --no-new-privs \
  env -i PATH=/usr/bin:/bin "${unit_env[@]}" PORT=0 NEXUS_GOOGLE_TOKEN_URL=http://127.0.0.1:9/token \
  NEXUS_JAVA_OPTS="$class_log" "${exec_start[@]}"
expect_aot_used "$work/deb.out" "deb" "$work/deb.err"
say "deb: serve used the AOT cache in /usr/lib/nexus/lib (ready $ready_ms ms, with class loading logged)"
expect_stat /var/lib/nexus/nexus.db "600 nexus:nexus"
expect_stat /var/lib/nexus/nexus.db.first-client-key "600 nexus:nexus"

# An upgrade over itself keeps the state; remove keeps it; only purge deletes it.
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "reinstalling $deb failed"; }
expect_stat /var/lib/nexus/nexus.db "600 nexus:nexus"
grep -q 'nexus.dist.check' /etc/nexus/jvm.options || fail "the upgrade replaced the edited /etc/nexus/jvm.options"
dpkg -r nexus >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg -r nexus failed"; }
[ ! -e /usr/lib/nexus ] && [ ! -e "$unit" ] && [ ! -e /usr/bin/nexus ] || fail "dpkg -r left program files behind"
[ -f /var/lib/nexus/nexus.db ] && [ -f /etc/nexus/nexus.env ] && [ -f /etc/nexus/jvm.options ] \
  || fail "dpkg -r removed the state, the env file or jvm.options"
dpkg --purge nexus >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg --purge nexus failed"; }
[ ! -e /var/lib/nexus ] && [ ! -e /etc/nexus/nexus.env ] && [ ! -e /etc/nexus/jvm.options ] \
  || fail "dpkg --purge left /var/lib/nexus, /etc/nexus/nexus.env or /etc/nexus/jvm.options"
installed_by_us=false
say "deb: installed, served as user $user from $dir, upgraded, removed (state kept), purged (state gone)"
say "ok: $(basename "$tarball") $(du -m "$tarball" | cut -f1) MB, $(basename "$deb") $(du -m "$deb" | cut -f1) MB"
