// One embedding run by id: every property the run records (its parameters, singular values,
// matrix counts, per-stage milliseconds and peak heap, status, error), the Spk table as a list
// of {f, peaks, covered, spk}, and whether it is its dataset's latest finished run. Its reports
// read the PPMI set its ppmiRun names, kept as long as the run, so a finished run's reports never
// change.
// Parameters: $id (string, e.g. 'ml-100k-1'). Returns one row, run, or none for an unknown id.
MATCH (r:EmbeddingRun {id: $id})
OPTIONAL MATCH (d:Dataset {name: r.dataset})
RETURN r {
  .*,
  createdAt: toString(r.createdAt),
  finishedAt: toString(r.finishedAt),
  latest: d IS NOT NULL AND r.id = d.latestRun,
  spkTable: [i IN range(0, size(coalesce(r.spkF, [])) - 1) |
             {f: r.spkF[i], peaks: r.spkPeaks[i], covered: r.spkCovered[i], spk: r.spk[i]}]
} AS run
