// Degrees of a run's items: per embedded item its id, name, embedding norm, interaction count
// (contexts holding it), weighted PPMI degree (sum of the weights of its PPMI relationships; 0
// when they were not written) and, for generated data, its planted community and degree
// parameter theta, and the spike covering it at $f (the peak item's id; null when uncovered or
// when $f is null). Sorted by norm descending, then item id.
// Parameters: $run (run id), $f (an f' of the run's Spk table, or null), $skip, $limit (paging).
MATCH (:EmbeddingRun {id: $run})
MATCH (i:Item)-[:HAS_EMBEDDING]->(e:Embedding {run: $run})
WITH i, e
ORDER BY e.norm DESC, i.id
SKIP $skip LIMIT $limit
CALL (i) {
  OPTIONAL MATCH (i)-[p:PPMI]-()
  RETURN coalesce(sum(p.weight), 0.0) AS ppmiDegree
}
RETURN i.id AS item, i.name AS name, e.norm AS norm, COUNT { (i)-[:IN]->() } AS interactions, ppmiDegree,
       i.trueCommunity AS trueCommunity, i.theta AS theta,
       CASE WHEN $f IS NULL THEN null ELSE e['spike' + toString($f)] END AS spike
