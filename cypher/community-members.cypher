// The members of one spike of a run at one f': per item its id, name, embedding norm,
// interaction count, weighted PPMI degree (all partners), intra-spike PPMI degree (partners in
// the same spike: the degree the theorem says the norm estimates) and, for generated data, its
// planted community and theta. Sorted by $sort descending (norm, interactions, ppmiDegree or
// intraDegree), then item id; no rows when $spike is not a spike of the run at $f.
// Parameters: $run (run id), $f (an f' of the run's Spk table), $spike (the peak item's id as
// text: ids are integers or strings),
// $sort, $skip, $limit (paging).
// The per-item degrees come from spiky.degrees (PPMI weights of the set the run embeds, its ppmiRun).
CALL spiky.degrees($run, {f: $f}) YIELD item, node AS i, spike, norm, interactions, ppmiDegree, intraDegree
WHERE toString(spike) = $spike
RETURN item, i.name AS name, norm, interactions, ppmiDegree, intraDegree,
       i.trueCommunity AS trueCommunity, i.theta AS theta
ORDER BY CASE $sort WHEN 'norm' THEN norm WHEN 'interactions' THEN toFloat(interactions)
                    WHEN 'ppmiDegree' THEN ppmiDegree WHEN 'intraDegree' THEN intraDegree END DESC, item
SKIP $skip LIMIT $limit
