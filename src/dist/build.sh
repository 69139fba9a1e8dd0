#!/usr/bin/env bash
# Builds the distribution that needs no JDK, from the shaded target/nexus.jar (run by `./mvnw -Pdist package`):
#   target/nexus-<version>-linux-x64.tar.gz  nexus-<version>/{bin/nexus, lib/{nexus.jar,nexus.aot,jvm-options.sh},
#                                            runtime/, config/, licenses/, ...}
#   target/nexus_<deb version>_amd64.deb     the same tree in /usr/lib/nexus, plus user, state folder, env file, unit
# Usage: build.sh VERSION JDK_HOME TARGET_DIR LOCAL_REPOSITORY CLASSPATH
set -euo pipefail

version="$1" jdk="$2" target="$3" repository="$4" classpath="$5"
dist="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$(cd "$dist/../.." && pwd)"
jar="$target/nexus.jar"
[ -f "$jar" ] || { echo "dist: $jar is missing; the shade plugin builds it in the same package phase" >&2; exit 1; }

# The runtime's platform names the files: jlink links the platform of the JDK it comes from.
# shellcheck disable=SC1091 # the JDK's release file: JAVA_VERSION, OS_NAME, OS_ARCH
. "$jdk/release"
case "$OS_NAME/$OS_ARCH" in
  Linux/x86_64|Linux/amd64) platform=linux-x64 deb_arch=amd64 ;;
  Linux/aarch64) platform=linux-aarch64 deb_arch=arm64 ;;
  *) echo "dist: no distribution for $OS_NAME/$OS_ARCH (Linux x64 and aarch64 only)" >&2; exit 1 ;;
esac
feature="${JAVA_VERSION%%.*}"

work="$target/dist"
name="nexus-$version"
image="$work/$name"
rm -rf "$work"
mkdir -p "$image/bin" "$image/lib"

# Only the modules Nexus uses: what jdeps finds in the jar (libraries' optional code included, so a rarely taken path
# cannot fail with a missing class) plus the few it cannot see (extra-modules says which and why).
found="$("$jdk/bin/jdeps" --ignore-missing-deps --multi-release "$feature" --print-module-deps "$jar")"
extra="$(grep -v '^\s*#' "$dist/extra-modules" | grep -v '^\s*$' | paste -sd, -)"
modules="$found${extra:+,$extra}"
echo "dist: jlink $modules"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=zip-6 \
  --generate-cds-archive --output "$image/runtime"
# The JDK's classes pre-parsed (CDS) save start-up time; the copy for heaps of 32 GB and more (no compressed oops) is
# 14 MB that a gateway never uses: without it such a JVM simply starts without CDS.
rm -f "$image/runtime/lib/server/classes_nocoops.jsa"

cp "$jar" "$image/lib/nexus.jar"
install -m 0755 "$dist/bin/nexus" "$image/bin/nexus"
install -m 0644 "$dist/lib/jvm-options.sh" "$image/lib/jvm-options.sh"
cp -r "$project/config" "$image/config"
cp "$project/README.md" "$image/README.md"
cp "$project/docs/install.md" "$image/INSTALL.md"
IFS=: read -r -a entries <<< "$classpath"
"$jdk/bin/java" "$dist/ThirdPartyNotices.java" "$image/licenses" "$repository" "${entries[@]}"
chmod -R u+w,go-w,a+rX "$image"

# The AOT cache, trained by the runtime, jar and JVM options that bin/nexus runs with (the JVM drops a cache made by
# another runtime, jar or collector), in place: the cache names the jar by path, and the JVM accepts it when jar and
# cache moved together (unpacked elsewhere, installed in /usr/lib/nexus; src/dist/check.sh checks both). No silent
# cache-less distribution: a failed training fails the build.
# shellcheck source=src/dist/lib/jvm-options.sh
read -r -a train_options <<< "$(unset NEXUS_JAVA_OPTS; . "$dist/lib/jvm-options.sh"; nexus_jvm_options "$image/config/jvm.options")"
trained=$SECONDS
if ! "$dist/aot-train.sh" "$image/runtime/bin/java" "$image/lib/nexus.jar" "$image/lib/nexus.aot" "${train_options[@]}"; then
  echo "dist: the AOT cache training failed (its output is above); the distribution is not built without its cache." >&2
  echo "dist: try it alone: src/dist/aot-train.sh $image/runtime/bin/java $image/lib/nexus.jar /tmp/nexus.aot ${train_options[*]}" >&2
  exit 1
fi
chmod 0644 "$image/lib/nexus.aot"
echo "dist: AOT cache lib/nexus.aot ($(du -m "$image/lib/nexus.aot" | cut -f1) MB) trained in $((SECONDS - trained)) s"

tarball="$target/$name-$platform.tar.gz"
tar -C "$work" --sort=name --owner=0 --group=0 --numeric-owner -czf "$tarball" "$name"
echo "dist: $tarball ($(du -m "$tarball" | cut -f1) MB)"

# The .deb: the same tree in /usr/lib/nexus. A Debian version sorts '~' before the release, so 1.0.0-SNAPSHOT -> 1.0.0~SNAPSHOT.
if ! command -v dpkg-deb >/dev/null 2>&1; then
  echo "dist: no .deb: dpkg-deb is not installed (Debian/Ubuntu: apt-get install dpkg)" >&2
  exit 0
fi
deb_version="${version//-/\~}"
root="$work/deb"
mkdir -p "$root/usr/lib" "$root/usr/bin" "$root/etc/nexus" "$root/lib/systemd/system" "$root/DEBIAN"
cp -al "$image" "$root/usr/lib/nexus"
ln -s ../lib/nexus/bin/nexus "$root/usr/bin/nexus"
install -m 0640 "$dist/deb/nexus.env" "$root/etc/nexus/nexus.env"
# The service's JVM options, editable (bin/nexus prefers this file in /usr/lib/nexus); the same as the tarball's, so the
# cache trained above fits until an admin changes an option that matters (then the JVM runs without it, with an error).
install -m 0644 "$project/config/jvm.options" "$root/etc/nexus/jvm.options"
install -m 0644 "$dist/deb/nexus.service" "$root/lib/systemd/system/nexus.service"
install -m 0755 "$dist/deb/postinst" "$dist/deb/prerm" "$dist/deb/postrm" "$root/DEBIAN/"
printf '%s\n' /etc/nexus/nexus.env /etc/nexus/jvm.options > "$root/DEBIAN/conffiles"
cat > "$root/DEBIAN/control" <<CONTROL
Package: nexus
Version: $deb_version
Architecture: $deb_arch
Maintainer: OAuth-LLM-Nexus developers <dev@nexus.local>
Section: net
Priority: optional
Depends: adduser | passwd
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Description: self-hosted LLM gateway over pooled Google accounts and other upstreams
 OAuth-LLM-Nexus serves the OpenAI, Anthropic and Google dialects from pooled Google accounts, ChatGPT
 logins and API-key upstreams. It runs as the nexus service (systemd) on its own bundled Java runtime.
CONTROL
deb="$target/nexus_${deb_version}_$deb_arch.deb"
dpkg-deb --root-owner-group -Zgzip --build "$root" "$deb" >/dev/null
echo "dist: $deb ($(du -m "$deb" | cut -f1) MB); the distribution took ${SECONDS} s"
