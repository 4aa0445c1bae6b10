// What the Neo4j Browser guide (GET /guide/) fills in for a dataset: its latest finished run,
// that run's first f' (of its Spk table) and one item the run embeds, of median norm (a list
// to compare by cosine and by dot product).
// Parameters: $dataset (string). One row; run, f and item are null when the dataset has no
// finished run.
OPTIONAL MATCH (d:Dataset {name: $dataset, status: 'ready'})
OPTIONAL MATCH (r:EmbeddingRun {id: d.latestRun})
CALL (r) {
  OPTIONAL MATCH (e:Embedding {run: r.id})
  WITH e ORDER BY e.norm, e.item
  WITH collect(e.item) AS items
  RETURN CASE WHEN size(items) = 0 THEN null ELSE items[size(items) / 2] END AS item
}
RETURN r.id AS run, r.spkF[0] AS f, toString(item) AS item
