# Sourced by the benchmarks that run this tree against the same command built from an older
# commit (bench/tx-import.sh, bench/ppmi-write.sh); not run on its own.

# The --add-opens list the server's JVM needs when started with java -jar.
SPIKY_OPENS=(--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED)

# ab_sides HERE BASE CACHE NAME: makes the work directory AB_WORK ($BENCH_TMP or /tmp, spiky-NAME.*,
# removed when the script exits), builds commit BASE of the repository at HERE into CACHE once
# (kept for the next call), builds HERE's tree, then copies each side's server jar and libraries
# into AB_WORK/old and AB_WORK/new, so that editing the tree while the benchmark runs changes nothing.
ab_sides() {
  local here="$1" base="$2" cache="$3" side src
  AB_WORK="$(mktemp -d "${BENCH_TMP:-/tmp}/spiky-$4.XXXXXX")"
  # shellcheck disable=SC2064
  trap "rm -rf '$AB_WORK'" EXIT
  local work="$AB_WORK"
  if [ ! -f "$cache/server/target/spiky-server.jar" ]; then
    echo "building $base into $cache ..."
    rm -rf "$cache" && mkdir -p "$cache"
    git -C "$here" archive "$base" | tar -x -C "$cache"
    (cd "$cache" && mvn -q -B -Dmaven.test.skip=true -pl server -am package)
  fi
  "$here/spiky" --version >/dev/null   # builds this tree once, outside the timings
  for side in old new; do
    src="$here"; [ "$side" = old ] && src="$cache"
    mkdir -p "$work/$side" && cp -r "$src/server/target/spiky-server.jar" "$src/server/target/lib" "$work/$side/"
  done
}
