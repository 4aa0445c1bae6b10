// Agreement of a run's spikes at one f' with the planted communities (items carrying
// trueCommunity and theta: generated data, or imported with --items). One row:
//   items (embedded items with a true community), covered (of those, covered by a spike),
//   ariAll / nmiAll over all of them (uncovered items as one group), ariCovered / nmiCovered
//   over covered items only, purity (covered items in their spike's most common true community,
//   over covered items), contingency (a list of {spike, trueCommunity, items}; spike null for
//   the uncovered), communities (per true community: size, covered, and Spearman(norm, theta)
//   among its members: the theorem says the norm estimates the degree parameter theta), and
//   meanSpearmanNormTheta (over communities with a value).
// Parameters: $run (run id), $f (an f' of the run's Spk table).
MATCH (:EmbeddingRun {id: $run})
MATCH (i:Item)-[:HAS_EMBEDDING]->(e:Embedding {run: $run})
WHERE i.trueCommunity IS NOT NULL
WITH i, e, e['spike' + toString($f)] AS spike
WITH collect({spike: spike, truth: i.trueCommunity, norm: e.norm, theta: i.theta}) AS members
WITH members,
     [m IN members | m.spike] AS spikes,
     [m IN members | m.truth] AS truth,
     [m IN members WHERE m.spike IS NOT NULL] AS covered
CALL (members) {
  UNWIND members AS m
  WITH m.spike AS spike, m.truth AS trueCommunity, count(*) AS items
  RETURN collect({spike: spike, trueCommunity: trueCommunity, items: items}) AS contingency
}
CALL (covered) {
  UNWIND covered AS m
  WITH m.spike AS spike, m.truth AS t, count(*) AS items
  WITH spike, max(items) AS majority
  RETURN sum(majority) AS inMajority
}
CALL (members) {
  UNWIND members AS m
  WITH m.truth AS trueCommunity, collect(m) AS group
  RETURN collect({
    trueCommunity: trueCommunity,
    size: size(group),
    covered: size([g IN group WHERE g.spike IS NOT NULL]),
    spearmanNormTheta: spiky.stats.spearman([g IN group | g.norm], [g IN group | g.theta])
  }) AS communities
}
RETURN size(members) AS items,
       size(covered) AS covered,
       spiky.stats.ari(spikes, truth) AS ariAll,
       spiky.stats.nmi(spikes, truth) AS nmiAll,
       spiky.stats.ari([m IN covered | m.spike], [m IN covered | m.truth]) AS ariCovered,
       spiky.stats.nmi([m IN covered | m.spike], [m IN covered | m.truth]) AS nmiCovered,
       CASE WHEN size(covered) = 0 THEN null ELSE toFloat(inMajority) / size(covered) END AS purity,
       contingency,
       communities,
       CASE WHEN size([c IN communities WHERE c.spearmanNormTheta IS NOT NULL]) = 0 THEN null
            ELSE reduce(s = 0.0, c IN [c IN communities WHERE c.spearmanNormTheta IS NOT NULL] | s + c.spearmanNormTheta)
                 / size([c IN communities WHERE c.spearmanNormTheta IS NOT NULL]) END AS meanSpearmanNormTheta
