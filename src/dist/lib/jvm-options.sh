# The JVM options of Nexus's launchers, in one place: sourced by the checkout's ./nexus (bash) and the distribution's
# bin/nexus (POSIX sh; the distribution ships this file as lib/jvm-options.sh), and used by src/dist/build.sh to train
# the AOT cache with the options bin/nexus runs with (the JVM accepts a cache only when the options that matter match).
# Keep it POSIX sh. The caller must have globbing off (set -f) before it expands the result or NEXUS_JAVA_OPTS unquoted:
# '-Xlog:aot*=...' is a glob pattern.

# nexus_jvm_options <jvm.options file>: prints, on one line, the options that come before NEXUS_JAVA_OPTS:
# - --enable-native-access=ALL-UNNAMED (SQLite's native library; a module option the AOT cache must see again);
# - JVM warnings to standard error, never into a command's output, and for the AOT cache only errors (JDK 25.0.3 warns
#   on every start about adapters it could not reuse, which changes nothing);
# - the file's options: one a line, '#' starts a comment; a collector named in NEXUS_JAVA_OPTS (-XX:+Use...GC) removes
#   the file's, as the JVM refuses two.
# NEXUS_JAVA_OPTS itself is not printed: the launcher puts it last, so that its options win.
nexus_jvm_options() {
  # The file's and NEXUS_JAVA_OPTS's words are split here; never globbed ('-Xlog:gc*' could match a file name).
  case "$-" in *f*) _nexus_glob="" ;; *) _nexus_glob=1; set -f ;; esac
  _nexus_own_gc=""
  for _nexus_option in ${NEXUS_JAVA_OPTS:-}; do
    case "$_nexus_option" in
      -XX:+Use*GC) _nexus_own_gc=1 ;;
    esac
  done
  _nexus_options=""
  # Option by option, so that a collector's name with a digit in it (G1) is matched as whole as any other.
  for _nexus_option in $(sed -e 's/#.*//' "$1" 2>/dev/null); do
    case "$_nexus_option" in
      -XX:+Use*GC) [ -n "$_nexus_own_gc" ] && continue ;;
    esac
    _nexus_options="$_nexus_options $_nexus_option"
  done
  printf '%s\n' "--enable-native-access=ALL-UNNAMED -Xlog:disable -Xlog:all=warning:stderr -Xlog:aot*=error:stderr$_nexus_options"
  [ -n "$_nexus_glob" ] && set +f
  unset _nexus_options _nexus_option _nexus_own_gc _nexus_glob
}
