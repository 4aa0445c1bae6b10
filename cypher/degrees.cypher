// Degrees of a run's items: per embedded item its id, name, embedding norm, interaction count
// (contexts holding it), weighted PPMI degree (sum of the weights of its relationships in the
// PPMI set the run embeds, its ppmiRun, from spiky.degrees; 0 when it kept none) and, for
// generated data, its planted community and degree parameter theta, and the spike covering it at
// $f (the peak item's id; null when uncovered or when $f is null). Sorted by norm descending,
// then item id.
// Parameters: $run (run id), $f (an f' of the run's Spk table, or null), $skip, $limit (paging).
CALL spiky.degrees($run, {f: $f}) YIELD item, node AS i, spike, norm, interactions, ppmiDegree
RETURN item, i.name AS name, norm, interactions, ppmiDegree, i.trueCommunity AS trueCommunity, i.theta AS theta, spike
ORDER BY norm DESC, item
SKIP $skip LIMIT $limit
