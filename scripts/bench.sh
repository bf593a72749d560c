#!/usr/bin/env bash
# Issue 3 benchmark: DecoderLens engine vs ONNX Runtime (Java) in one JVM, interleaved, medians.
# Usage: scripts/bench.sh [--reps N] [--only TEXT] [--no-scalar] [--ort-profile]   (JVM options: BENCH_JAVA_OPTS="-Dbench.settleMs=0")
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
# A fixed, pre-touched heap: fresh 64 MB outputs would otherwise pay page faults that ONNX Runtime's arena does not.
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xms8g -Xmx8g -XX:+AlwaysPreTouch ${BENCH_JAVA_OPTS:-} \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.decoderlens.bench.ConvBenchmark "$@"
