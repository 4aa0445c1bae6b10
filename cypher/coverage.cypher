// The spikes of a run at one f' in the order the cover visited their peaks: by descending norm of
// the peak's first f' embedding dimensions (the cover's own key: SpikeCover sums the squares
// dimension by dimension, as here), ties by peak id. One row: items (the run's embedded items)
// and spikes, a list of {peak (item id), name, norm (that f'-norm), size (items the peak
// covered)}. The running covered count and share are added by the caller (PlotRoutes): a
// running sum in Cypher costs a list copy per peak.
// Parameters: $run (run id), $f (an f' of the run's Spk table).
MATCH (r:EmbeddingRun {id: $run})
WITH r, 'spike' + toString($f) AS key
CALL (r) {
  MATCH (e:Embedding {run: r.id})
  RETURN count(e) AS items
}
CALL (r, key) {
  MATCH (e:Embedding {run: r.id})
  WHERE e[key] IS NOT NULL
  WITH e[key] AS peak, count(*) AS size
  MATCH (p:Item {dataset: r.dataset, id: peak})-[:HAS_EMBEDDING]->(pe:Embedding {run: r.id})
  WITH peak, size, p.name AS name, sqrt(reduce(s = 0.0, v IN pe.vector[0..$f] | s + v * v)) AS norm
  ORDER BY norm DESC, peak
  RETURN collect({peak: peak, name: name, norm: norm, size: size}) AS spikes
}
RETURN items, spikes
