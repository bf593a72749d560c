# Sourced by .ci/run and ./decoderlens: choose a JDK 25 for Maven and for running the application.
# Order: an existing JAVA_HOME that is 25 or newer, then Temurin 25 where Debian-style machines keep it,
# then whatever `java` on the PATH is, if it is 25 or newer.
# The major version from the JDK's `release` file (no JVM started: that cost 0.15 s of every launch), else from
# the JVM itself. A Java 8 file says "1.8.0_..." and reads as 1.
_dl_java_major() {
  local v=""
  local line
  if [ -f "$1/release" ]; then # read in the shell itself: the launcher forks nothing it can avoid
    while IFS= read -r line; do
      if [[ $line =~ ^JAVA_VERSION=\"([0-9]+) ]]; then v=${BASH_REMATCH[1]}; break; fi
    done < "$1/release"
  fi
  if [ -n "$v" ]; then
    echo "$v"
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p'
  fi
}
_dl_pick_java() {
  local c
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 /usr/lib/jvm/java-25-openjdk-amd64; do
    if [ -n "$c" ] && [ -x "$c/bin/java" ] && [ "$(_dl_java_major "$c")" -ge 25 ] 2>/dev/null; then
      echo "$c"; return 0
    fi
  done
  if command -v java >/dev/null 2>&1; then
    c=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if [ "$(_dl_java_major "$c")" -ge 25 ] 2>/dev/null; then echo "$c"; return 0; fi
  fi
  return 1
}
if ! JAVA_HOME=$(_dl_pick_java); then
  echo "error: DecoderLens needs JDK 25 or newer; set JAVA_HOME to one (e.g. /usr/lib/jvm/temurin-25-jdk-amd64)" >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
