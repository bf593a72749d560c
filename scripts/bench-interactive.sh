#!/usr/bin/env bash
# Issue 3's interactive targets on the window's code path: full run and decoder-only change at 512x512, crop drag
# at 256x256, heap held by the full 512x512 trace, for every preset. Timings run with the launcher's default heap;
# then a second JVM with a 1.5 GB heap (the target's limit) builds every preset's trace.
# Usage: scripts/bench-interactive.sh [REPS]
#        scripts/bench-interactive.sh --layers PRESET     # where a crop drag's time goes, layer by layer
#        scripts/bench-interactive.sh --window-drag [S [PRESET]]  # results per second of a crop drag through the view models
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
if [ "${1:-}" = "--window-drag" ]; then
  shift
  exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseTransparentHugePages ${BENCH_JAVA_OPTS:-} \
    -cp "$cp" dev.decoderlens.bench.WindowDragBenchmark "$@"
fi
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseTransparentHugePages ${BENCH_JAVA_OPTS:-} \
  -cp "$cp" dev.decoderlens.bench.InteractiveBenchmark "$@"
[ "${1:-}" = "--layers" ] && exit 0
echo
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx1536m \
  -cp "$cp" dev.decoderlens.bench.InteractiveBenchmark --heap-only
