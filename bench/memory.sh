#!/usr/bin/env bash
# Memory estimates against measured needs, stage by stage (issue 13): each pipeline stage runs alone
# on a generated DCBM, in a JVM (serial collector, 2 MiB young generation) whose old generation is
# filled with ballast until a chosen number of bytes is free; the stage fits or runs out of memory
# (see algo/src/test/java/spiky/algo/StageHeapProbe.java). Without FRACTIONS the smallest free heap
# each stage runs in is found by bisection (to 1/128 of the estimate) and printed beside the
# estimate; with FRACTIONS (e.g. "0.8 1.0") each stage runs once per fraction of its estimate.
# usage: bench/memory.sh ITEMS CONTEXTS MINLENGTH MAXLENGTH [FRACTIONS...]
#        env: XMX (default 8g), THREADS (default 2), LAST=ppmi (only the PPMI stage)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shape="dcbm:$1,$2,$3,$4"
shift 4
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) (before), $(date -u +%FT%TZ)"
(cd "$here" && mvn -q -B -o -pl algo test-compile && mvn -q -B -o -pl algo dependency:build-classpath -Dmdep.outputFile=target/memory.cp >/dev/null)
cp="$here/algo/target/test-classes:$here/algo/target/classes:$(cat "$here/algo/target/memory.cp")"
/usr/bin/time -f "== probe: %e s wall, %M KB max RSS" java -XX:+UseSerialGC "-Xmx${XMX:-8g}" -Xmn2m -XX:-UseGCOverheadLimit \
    "-Dprobe.threads=${THREADS:-2}" "-Dprobe.last=${LAST:-spikes}" -cp "$cp" spiky.algo.StageHeapProbe "$shape" "$@"
echo "== machine: load $(cut -d' ' -f1-3 /proc/loadavg) (after), $(date -u +%FT%TZ)"
