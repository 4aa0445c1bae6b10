// One item of a run: its name, whether the run embeds it, its norm and norm quantile in the run
// (0 = lowest, 1 = highest: the share of the run's other items with a smaller norm), its
// interactions (those with a timestamp up to the run's until, for a snapshot run), its spike and
// peak flag at every f' of the run's Spk table (spike null when uncovered), and its
// stabilityForecast (the expected Jaccard of its top-k list at the next snapshot; null unless
// spiky.stability.forecast wrote this run). The item is found by its id as text, as in
// similar-item.cypher ('007' does not find item 7).
// Parameters: $run (run id), $item (the item id as text). No rows when the dataset has no such item.
MATCH (r:EmbeddingRun {id: $run})
WITH r, [x IN [toInteger($item), $item] WHERE x IS NOT NULL] AS keys
MATCH (i:Item {dataset: r.dataset})
WHERE i.id IN keys AND toString(i.id) = $item
OPTIONAL MATCH (i)-[:HAS_EMBEDDING]->(e:Embedding {run: $run})
CALL (i, r) {
  OPTIONAL MATCH (i)-[x:IN]->()
  WHERE r.until IS NULL OR x.timestamp <= r.until
  RETURN count(x) AS interactions
}
CALL (r, e) {
  MATCH (o:Embedding {run: r.id})
  RETURN count(o) AS total, sum(CASE WHEN e IS NOT NULL AND o.norm < e.norm THEN 1 ELSE 0 END) AS below
}
RETURN i.id AS item, i.name AS name, r.id AS run, r.dataset AS dataset, e IS NOT NULL AS embedded, e.norm AS norm,
       CASE WHEN e IS NULL THEN null WHEN total > 1 THEN toFloat(below) / (total - 1) ELSE 0.5 END AS normQuantile,
       interactions,
       [f IN coalesce(r.spkF, []) | {f: f, spike: e['spike' + toString(f)], peak: e['peak' + toString(f)]}] AS spikes,
       e.stabilityForecast AS stabilityForecast
LIMIT 1
