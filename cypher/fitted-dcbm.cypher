// The degree-corrected block model (Karrer & Newman 2011) fitted by maximum likelihood to a
// run's spike partition at one f', on the dataset's observed weighted co-occurrence graph: the
// current PPMI relationships (Dataset.ppmiRun), weighted by co-occurrence count ($weight =
// 'count') or PPMI value ($weight = 'weight'), restricted to the items the spikes cover.
// For a partition with groups r, the estimates are
//   theta_i = k_i / kappa_r   (k_i: weighted degree of i, kappa_r: sum of k over group r)
//   B_rs    = m_rs / (kappa_r * kappa_s / 2m)   (m_rs: weight between r and s, counted twice when
//             r = s; 2m: sum of all k), the observed weight between two spikes over its
//             expectation when edges ignore the spikes: B_rr >> 1 >> B_rs means assortative blocks.
// The paper's theorem says the spikes are the blocks and the norm estimates theta, so Spearman
// (norm, theta) should be high inside each spike. One row:
//   items, spikes (covered items and spikes in the fit), edges, totalWeight (2m),
//   withinShare (share of 2m inside spikes), spearmanNormTheta (pooled over covered items),
//   meanSpearmanNormTheta (mean over spikes of at least 3 members), blocks (the $blocks largest
//   spikes: spike, name, size, kappa, spearmanNormTheta, pearsonNormTheta), and blockMatrix
//   {spikes, names, values} (B between those spikes, rows and columns in the order of blocks).
// Parameters: $run (run id), $f (an f' of the run's Spk table), $weight ('count' or 'weight'),
// $blocks (how many of the largest spikes the block list and matrix show).
MATCH (r:EmbeddingRun {id: $run})
MATCH (d:Dataset {name: r.dataset})
WITH r.dataset AS dataset, d.ppmiRun AS ppmiRun, 'spike' + toString($f) AS key
MATCH (i:Item)-[:HAS_EMBEDDING]->(e:Embedding {run: $run})
WHERE e[key] IS NOT NULL
CALL (i, ppmiRun, key) {
  OPTIONAL MATCH (i)-[p:PPMI {run: ppmiRun}]-(:Item)-[:HAS_EMBEDDING]->(o:Embedding {run: $run})
  WHERE o[key] IS NOT NULL
  RETURN coalesce(sum(toFloat(p[$weight])), 0.0) AS k, count(p) AS ends
}
WITH dataset, ppmiRun, key, e[key] AS spike, collect({norm: e.norm, k: k}) AS members, sum(ends) AS ends
WITH dataset, ppmiRun, key, spike, members, ends, reduce(s = 0.0, m IN members | s + m.k) AS kappa
WITH dataset, ppmiRun, key, collect({spike: spike, members: members, size: size(members), kappa: kappa, ends: ends}) AS groups
WITH dataset, ppmiRun, key, groups, reduce(s = 0.0, g IN groups | s + g.kappa) AS twoM
// theta = k / kappa of the item's own spike; a spike without edges has none.
WITH dataset, ppmiRun, key, twoM,
     [g IN groups | g {.*, thetas: [m IN g.members | CASE WHEN g.kappa > 0 THEN m.k / g.kappa END],
                            norms: [m IN g.members | m.norm]}] AS groups
WITH dataset, ppmiRun, key, twoM, groups,
     [g IN groups | g {.spike, .size, .kappa,
                       spearmanNormTheta: spiky.stats.spearman(g.norms, g.thetas),
                       pearsonNormTheta: spiky.stats.pearson(g.norms, g.thetas)}] AS perSpike
WITH dataset, ppmiRun, key, twoM, groups, perSpike,
     [g IN perSpike WHERE g.size >= 3 AND g.spearmanNormTheta IS NOT NULL | g.spearmanNormTheta] AS rhos
CALL (dataset, perSpike) {
  UNWIND perSpike AS g
  WITH g ORDER BY g.size DESC, g.spike LIMIT $blocks
  MATCH (peak:Item {dataset: dataset, id: g.spike})
  RETURN collect(g {.*, name: peak.name}) AS top
}
CALL (ppmiRun, key, top) {
  UNWIND top AS a
  MATCH (i:Item)-[:HAS_EMBEDDING]->(e:Embedding {run: $run})
  WHERE e[key] = a.spike
  MATCH (i)-[p:PPMI {run: ppmiRun}]->(:Item)-[:HAS_EMBEDDING]->(o:Embedding {run: $run})
  WHERE o[key] IN [t IN top | t.spike]
  WITH a.spike AS r, o[key] AS s, sum(toFloat(p[$weight])) AS w
  RETURN collect({r: r, s: s, w: w}) AS pairs
}
CALL (ppmiRun, key) {
  MATCH (i:Item)-[:HAS_EMBEDDING]->(e:Embedding {run: $run})
  WHERE e[key] IS NOT NULL
  MATCH (i)-[p:PPMI {run: ppmiRun}]->(:Item)-[:HAS_EMBEDDING]->(o:Embedding {run: $run})
  WHERE o[key] IS NOT NULL
  RETURN count(p) AS edges, coalesce(sum(CASE WHEN e[key] = o[key] THEN 2 * toFloat(p[$weight]) ELSE 0.0 END), 0.0) AS within
}
WITH twoM, groups, perSpike, rhos, top, pairs, edges, within
RETURN reduce(s = 0, g IN groups | s + g.size) AS items,
       size(groups) AS spikes,
       edges,
       twoM AS totalWeight,
       CASE WHEN twoM > 0 THEN within / twoM END AS withinShare,
       spiky.stats.spearman(reduce(l = [], g IN groups | l + g.norms), reduce(l = [], g IN groups | l + g.thetas)) AS spearmanNormTheta,
       CASE WHEN size(rhos) = 0 THEN null ELSE reduce(s = 0.0, x IN rhos | s + x) / size(rhos) END AS meanSpearmanNormTheta,
       top AS blocks,
       {spikes: [a IN top | a.spike],
        names: [a IN top | a.name],
        values: [a IN top | [b IN top |
          CASE WHEN a.kappa > 0 AND b.kappa > 0
               THEN reduce(w = 0.0, x IN pairs | w + CASE WHEN x.r = a.spike AND x.s = b.spike THEN x.w ELSE 0.0 END
                                                  + CASE WHEN x.r = b.spike AND x.s = a.spike THEN x.w ELSE 0.0 END)
                    * twoM / (a.kappa * b.kappa) END]]} AS blockMatrix
