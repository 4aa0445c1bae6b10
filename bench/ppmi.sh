#!/usr/bin/env bash
# PPMI benchmark: spiky's Ppmi.compute against DuckDB running bench/sql/ppmi-reference.sql, on
# the same interactions, in one JVM, with a pair-by-pair identity check of the two matrices.
# Datasets from ../shared/datasets (skipped, with a message, when absent): ml-100k (u.data),
# ml-latest-small (ratings.csv), hetrec2011-lastfm-2k (user_artists.dat); item = movie / artist,
# context = user. Each is turned once into a plain CSV 'item,context' that both sides read.
# Needs: procedures classes (mvn -q -o -B -pl procedures -am compile) and the DuckDB JDBC jar in
# ~/.m2 (mvn dependency:get -Dartifact=org.duckdb:duckdb_jdbc:$DUCKDB_VERSION); not a project dependency.
# PPMI_SQL=FILE runs another query in place of the reference (e.g. a deliberately altered rule,
# to see that the identity check notices).
# usage: bench/ppmi.sh [RUNS] [DATASET...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
shift || true
datasets=("$@")
[ ${#datasets[@]} -gt 0 ] || datasets=(ml-100k ml-latest-small hetrec2011-lastfm-2k)
shared="${SPIKY_DATASETS:-$here/../shared/datasets}"
work="${SPIKY_BENCH_DIR:-$(mktemp -d)}"
duckdb_version="${DUCKDB_VERSION:-1.5.2.0}"
jar="$HOME/.m2/repository/org/duckdb/duckdb_jdbc/$duckdb_version/duckdb_jdbc-$duckdb_version.jar"
if [ ! -f "$jar" ]; then
  echo "DuckDB JDBC $duckdb_version not in ~/.m2: mvn dependency:get -Dartifact=org.duckdb:duckdb_jdbc:$duckdb_version" >&2
  exit 1
fi
if [ ! -d "$here/algo/target/classes/spiky/algo/ppmi" ]; then
  echo "algorithms not compiled: cd $here && mvn -q -o -B -pl algo compile" >&2
  exit 1
fi
cp="$here/algo/target/classes:$jar"
sql="${PPMI_SQL:-$here/bench/sql/ppmi-reference.sql}"

# Writes the CSV 'item,context' of a dataset to $2; returns 1 when the dataset is absent.
to_csv() {
  local name="$1" out="$2" src
  case "$name" in
    ml-100k)
      src="$shared/ml-100k/u.data"; [ -f "$src" ] || return 1
      # user \t item \t rating \t timestamp, no header
      awk -F'\t' 'BEGIN { print "item,context" } NF { print $2 "," $1 }' "$src" > "$out" ;;
    ml-latest-small)
      src="$shared/ml-latest-small/ratings.csv"; [ -f "$src" ] || return 1
      # userId,movieId,rating,timestamp under a header
      awk -F',' 'BEGIN { print "item,context" } NR > 1 && NF { print $2 "," $1 }' "$src" > "$out" ;;
    hetrec2011-lastfm-2k)
      src="$shared/hetrec2011-lastfm-2k/user_artists.dat"; [ -f "$src" ] || return 1
      # userID \t artistID \t weight under a header
      awk -F'\t' 'BEGIN { print "item,context" } NR > 1 && NF { sub(/\r$/, "", $2); print $2 "," $1 }' "$src" > "$out" ;;
    *) echo "unknown dataset $name" >&2; return 1 ;;
  esac
}

rows=()
for name in "${datasets[@]}"; do
  csv="$work/$name.interactions.csv"
  if ! to_csv "$name" "$csv"; then
    echo "== $name: SKIPPED (not found under $shared)"
    continue
  fi
  echo "== $name ($csv)"
  log="$work/$name.log"
  set +e
  java -Xmx8g -cp "$cp" "$here/bench/java/PpmiBench.java" "$name" "$csv" "$sql" "$runs" 2 | tee "$log"
  status=${PIPESTATUS[0]}
  set -e
  [ "$status" -eq 0 ] || echo "== $name: PpmiBench exited with status $status"
  rows+=("$(sed -n 's/^ROW//p' "$log")")
  echo
done
echo "| dataset | interactions | items | contexts | kept items | nnz (both triangles) | DuckDB runs (s) | DuckDB median (s) | spiky runs (s) | spiky median (s) | spiky / DuckDB | matrices |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- | ---: | ---: | --- |"
for r in "${rows[@]}"; do echo "$r"; done
