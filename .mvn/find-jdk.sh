# Finds a JDK 21 or newer; sourced by ./atelier and .ci/run (bash). After `find_jdk`, JAVA_HOME
# names the JDK and JDK_MAJOR its feature version; it returns 1 with one line on stderr when
# there is none. Order: JAVA_HOME, the java on PATH, then the newest JDK in the usual folders.

ATELIER_MIN_JDK=21

# Feature version of the JDK at $1: its `release` file when present (no JVM start), else java itself.
# Read with bash alone: each process started costs the window's start-up time (tens of ms on a busy machine).
jdk_major() {
  local v="" line
  if [ -f "$1/release" ]; then
    while IFS= read -r line; do
      if [[ "$line" =~ ^JAVA_VERSION=\"([0-9]+) ]]; then v="${BASH_REMATCH[1]}"; break; fi
    done <"$1/release"
  fi
  if [ -z "$v" ] && [ -x "$1/bin/java" ]; then
    v="$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = //p' | head -1 | cut -d. -f1)"
  fi
  echo "${v:-0}"
}

# A usable JDK: java and javac (the launcher builds the jar), new enough.
jdk_usable() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ "$(jdk_major "$1")" -ge "$ATELIER_MIN_JDK" ]
}

find_jdk() {
  local javac_home
  if [ -n "${JAVA_HOME:-}" ] && jdk_usable "$JAVA_HOME"; then
    :
  elif command -v javac >/dev/null 2>&1 \
      && javac_home="$(readlink -f "$(command -v javac)")" && javac_home="${javac_home%/bin/javac}" \
      && jdk_usable "$javac_home"; then
    JAVA_HOME="$javac_home"
  else
    local best="" best_v=0 v d
    for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/java/* "$HOME"/.sdkman/candidates/java/* \
             /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/Library/Java/JavaVirtualMachines/*/Contents/Home; do
      [ -d "$d" ] && [ ! -L "$d" ] || continue # skip aliases such as /usr/lib/jvm/default-java
      jdk_usable "$d" || continue
      v="$(jdk_major "$d")"
      if [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
    done
    if [ -z "$best" ]; then
      echo "No JDK $ATELIER_MIN_JDK or newer found (looked at JAVA_HOME, PATH, /usr/lib/jvm, /opt/java, ~/.sdkman, /Library/Java): install one, e.g. from https://adoptium.net" >&2
      return 1
    fi
    JAVA_HOME="$best"
  fi
  JDK_MAJOR="$(jdk_major "$JAVA_HOME")"
  export JAVA_HOME JDK_MAJOR
}

# Maven's own Guice calls sun.misc.Unsafe; JDK 24+ warns about it at every build. The option
# exists from JDK 23 on (JDK 21 refuses it), so it is added only there.
quiet_maven_on_new_jdks() {
  if [ "${JDK_MAJOR:-0}" -ge 23 ]; then
    MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
    export MAVEN_OPTS
  fi
}
