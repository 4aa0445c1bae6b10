// The items most similar to one item in a run's embeddings (spiky.similar: exact, by cosine or
// dot product over the first $f coordinates), best first: rank, item id, name, score, the stored
// norm of the item's full embedding, and its spike at the run's first f'.
// Parameters: $run (run id), $item (the item id as text, see similar-item.cypher), $k, $metric
// ('cosine' or 'dot'), $f (1 to the run's rank).
MATCH (r:EmbeddingRun {id: $run})
WITH r, [x IN [toInteger($item), $item] WHERE x IS NOT NULL] AS keys
MATCH (i:Item {dataset: r.dataset})
WHERE i.id IN keys AND toString(i.id) = $item
CALL spiky.similar(i, {run: $run, k: $k, metric: $metric, f: $f}) YIELD rank, item, name, score, norm, spike
RETURN rank, item, name, score, norm, spike
ORDER BY rank
