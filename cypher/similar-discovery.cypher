// Discovery against the "panopticon" (the paper's Section 3.3.2): for a sample of a run's items,
// evenly spread over the ranking by norm, their top-k lists by cosine and by dot product
// (spiky.similar, exact): how much the two lists overlap, and how popular (interaction count)
// the items each one returns are. One row per norm quintile (1 = the highest norms):
// sampled items, their mean interactions, the mean overlap |cosine ∩ dot| / k, and the mean
// interactions of the items the cosine lists and the dot lists return.
// Parameters: $run (run id), $sample (items sampled), $k (list length).
MATCH (r:EmbeddingRun {id: $run})
MATCH (i:Item)-[:HAS_EMBEDDING]->(e:Embedding {run: $run})
WITH r, i ORDER BY e.norm DESC, i.id
WITH r, collect(i) AS items
WITH r, items, size(items) AS n
UNWIND range(0, $sample - 1) AS s
WITH r, items, n, s, toInteger(floor((s + 0.5) * n / $sample)) AS at
WHERE at < n
WITH r, items[at] AS i, toInteger(5 * at / n) + 1 AS quintile
CALL (r, i) {
  CALL spiky.similar(i, {run: r.id, k: $k, metric: 'cosine'}) YIELD item
  MATCH (x:Item {dataset: r.dataset, id: item})
  RETURN collect(item) AS cosine, avg(COUNT { (x)-[:IN]->() }) AS cosinePopularity
}
CALL (r, i) {
  CALL spiky.similar(i, {run: r.id, k: $k, metric: 'dot'}) YIELD item
  MATCH (x:Item {dataset: r.dataset, id: item})
  RETURN collect(item) AS dot, avg(COUNT { (x)-[:IN]->() }) AS dotPopularity
}
WITH quintile, COUNT { (i)-[:IN]->() } AS popularity, cosinePopularity, dotPopularity,
     toFloat(size([x IN cosine WHERE x IN dot])) / $k AS overlap
RETURN quintile, count(*) AS sampled, avg(popularity) AS meanInteractions, avg(overlap) AS meanOverlap,
       avg(cosinePopularity) AS cosineMeanInteractions, avg(dotPopularity) AS dotMeanInteractions
ORDER BY quintile
