// One embedding run by id: every property the run records (its parameters, singular values,
// matrix counts, per-stage milliseconds and peak heap, status, error), the Spk table as a list
// of {f, peaks, covered, spk}, whether it is its dataset's latest finished run, and
// datasetPpmiRun: the PPMI set the dataset holds now (reports read its degrees).
// Parameters: $id (string, e.g. 'ml-100k-1'). Returns one row, run, or none for an unknown id.
MATCH (r:EmbeddingRun {id: $id})
OPTIONAL MATCH (d:Dataset {name: r.dataset})
RETURN r {
  .*,
  createdAt: toString(r.createdAt),
  finishedAt: toString(r.finishedAt),
  latest: d IS NOT NULL AND r.id = d.latestRun,
  datasetPpmiRun: d.ppmiRun,
  spkTable: [i IN range(0, size(coalesce(r.spkF, [])) - 1) |
             {f: r.spkF[i], peaks: r.spkPeaks[i], covered: r.spkCovered[i], spk: r.spk[i]}]
} AS run
