#!/usr/bin/env bash
# Times the chapter's MLP step on DJL (PyTorch engine) and Deeplearning4j, on 1 and 2 threads,
# alternating the two (A B A B) for a few passes; prints one JSON line per run.
# These peers need native libraries that Maven downloads once (libtorch about 110 MB, libnd4j and
# OpenBLAS); jgrad itself needs none of it. Usage: bench/jvm-peers/run.sh [passes]
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PASSES="${1:-2}"
mvn -q -f "$DIR/pom.xml" package dependency:build-classpath -Dmdep.outputFile="$DIR/target/cp.txt" >&2
CP="$DIR/target/classes:$(cat "$DIR/target/cp.txt")"
JAVA="${JAVA:-java}"
# DJL's native buffers are freed by GC; a small direct-memory limit keeps it from slowing down
# (PERF-NOTES): the fair set-up for it.
for pass in $(seq "$PASSES"); do
  for t in 1 2; do
    "$JAVA" -XX:MaxDirectMemorySize=128m -Dai.djl.pytorch.num_threads="$t" -Dai.djl.pytorch.num_interop_threads=1 \
      -Dai.djl.offline=true -cp "$CP" peers.DjlStep
    OMP_NUM_THREADS="$t" "$JAVA" -cp "$CP" peers.Dl4jStep
  done
done
