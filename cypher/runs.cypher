// Runs of a dataset: one row per embedding run, newest first, with its status and summary.
// Parameters: $dataset (string). Returns rows of run, a map: id, status, method, rank, seed,
// n, nnz, createdAt, finishedAt, until (the snapshot moment of spiky.snapshots, ISO-8601, or
// null), latest (whether Dataset.latestRun names it) and the Spk table
// as a list of {f, peaks, covered, spk} (empty until spikes are computed). No rows when the
// dataset has no run; check the dataset itself with dataset.cypher.
MATCH (d:Dataset {name: $dataset})
MATCH (r:EmbeddingRun {dataset: $dataset})
WITH d, r
ORDER BY r.createdAt DESC, r.id DESC
RETURN r {
  .id, .status, .method, .rank, .seed, .n, .nnz, .error,
  createdAt: toString(r.createdAt),
  finishedAt: toString(r.finishedAt),
  until: CASE WHEN r.until IS NULL THEN null ELSE toString(datetime({epochSeconds: r.until})) END,
  latest: r.id = d.latestRun,
  spk: [i IN range(0, size(coalesce(r.spkF, [])) - 1) |
        {f: r.spkF[i], peaks: r.spkPeaks[i], covered: r.spkCovered[i], spk: r.spk[i]}]
} AS run
