// The members of one spike of a run at one f': per item its id, name, embedding norm,
// interaction count, weighted PPMI degree (all partners), intra-spike PPMI degree (partners in
// the same spike: the degree the theorem says the norm estimates) and, for generated data, its
// planted community and theta. Sorted by $sort descending (norm, interactions, ppmiDegree or
// intraDegree), then item id; no rows when $spike is not a spike of the run at $f.
// Parameters: $run (run id), $f (an f' of the run's Spk table), $spike (the peak item's id as
// text: ids are integers or strings),
// $sort, $skip, $limit (paging).
MATCH (r:EmbeddingRun {id: $run})
MATCH (d:Dataset {name: r.dataset})
WITH d.ppmiRun AS ppmiRun, 'spike' + toString($f) AS key
MATCH (e:Embedding {run: $run})
WHERE toString(e[key]) = $spike
MATCH (i:Item)-[:HAS_EMBEDDING]->(e)
CALL (i, ppmiRun, key) {
  OPTIONAL MATCH (i)-[p:PPMI {run: ppmiRun}]-()
  RETURN coalesce(sum(p.weight), 0.0) AS ppmiDegree
}
CALL (i, ppmiRun, key) {
  OPTIONAL MATCH (i)-[p:PPMI {run: ppmiRun}]-(:Item)-[:HAS_EMBEDDING]->(o:Embedding {run: $run})
  WHERE toString(o[key]) = $spike
  RETURN coalesce(sum(p.weight), 0.0) AS intraDegree
}
WITH i, e, ppmiDegree, intraDegree, COUNT { (i)-[:IN]->() } AS interactions
RETURN i.id AS item, i.name AS name, e.norm AS norm, interactions, ppmiDegree, intraDegree,
       i.trueCommunity AS trueCommunity, i.theta AS theta
ORDER BY CASE $sort WHEN 'norm' THEN e.norm WHEN 'interactions' THEN toFloat(interactions)
                    WHEN 'ppmiDegree' THEN ppmiDegree WHEN 'intraDegree' THEN intraDegree END DESC, item
SKIP $skip LIMIT $limit
