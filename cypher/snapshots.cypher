// Snapshots of a dataset over time: one pipeline run per moment (spiky.snapshots), each on the
// interactions with a timestamp up to that moment, the moments taken at fractions of the
// dataset's time span (0 = its first timestamp, 1 = its last). Each run records its moment as
// until; compare their similar-items lists with snapshot-stability.cypher.
// Parameters: $dataset (string), $fractions (list of numbers in [0, 1], e.g. [0.5, 0.75, 1.0]),
// $config (map: any key of spiky.pipeline except until; writePpmi defaults to false here).
// Returns one row per snapshot, oldest first: until (ISO-8601), runId, n (embedded items), nnz,
// spk (the Spk table), status.
MATCH (d:Dataset {name: $dataset, status: 'ready'})
CALL (d) {
  MATCH (:Item {dataset: d.name})-[x:IN]->()
  RETURN min(x.timestamp) AS first, max(x.timestamp) AS last
}
WITH d, $config AS config, [q IN $fractions | first + toInteger(round(q * (last - first)))] AS cuts
CALL spiky.snapshots(d.name, config {.*, cuts: cuts}) YIELD until, runId, n, nnz, spk, status
RETURN until, runId, n, nnz, spk, status
ORDER BY until
