// GDS baselines on the graph the spikes come from: the run's dataset's items and the PPMI
// relationships the run embeds (those its ppmiRun names; none for a run with writePpmi: false;
// above maxPpmiRelationships pairs, only each item's ppmiGraphTopK strongest pairs: the
// communities and FastRP then see that top-k graph, the PPMI degrees below the whole set), projected as an undirected graph weighted by PPMI
// (items without a PPMI pair are isolated nodes), then
//   - Louvain and Leiden communities (weighted; one thread, and a fixed seed for Leiden, so the
//     same graph gives the same answer), compared with the spikes at $f and with the planted
//     communities;
//   - FastRP embeddings (weighted, dimension = the run's rank, fixed seed), whose norms are the
//     counter-example: FastRP L2-normalises every iteration, so its norm should not track degree,
//     while the SVD norm does (the paper's theorem).
// The projected graph is dropped at the end. One row:
//   dataset, ppmiRun, nodes and relationships of the projection (undirected: each pair counts twice),
//   items (the run's embedded items: every comparison is over them), covered (of those, in a spike),
//   louvain, leiden: {communities (among the items), ariSpikesCovered, nmiSpikesCovered (over
//     covered items), ariSpikesAll, nmiSpikesAll (over all items, the uncovered as one group),
//     ariTruth, nmiTruth (over items with a trueCommunity; null when none has one)},
//   spikes: {peaks, ariTruthCovered, nmiTruthCovered, ariTruthAll, nmiTruthAll} the same truth
//     comparison for the spikes (as cypher/truth.cypher), to read beside Louvain and Leiden,
//   fastRP, spiky: {dimension, normMin, normMax, spearman and pearson of the norm with the weighted
//     PPMI degree (sum of PPMI weights) and with the interaction count (contexts holding the item)}
//     for FastRP's vector norm and for the run's embedding norm (e.norm).
// Parameters: $run (run id), $f (an f' of the run's Spk table), $graph (a name for the projected
// graph, unique per call: in Browser, e.g. :param graph => 'baselines-' + randomUUID()).
// cypher/baselines-drop.cypher drops it should this query fail before its end.
MATCH (r:EmbeddingRun {id: $run})
MATCH (d:Dataset {name: r.dataset})
WITH r, d.name AS dataset, r.ppmiRun AS ppmiRun
CALL (dataset, ppmiRun) {
  MATCH (source:Item {dataset: dataset})
  OPTIONAL MATCH (source)-[p:PPMI {run: ppmiRun}]->(target:Item)
  WITH gds.graph.project($graph, source, target, {relationshipProperties: p {.weight}},
                         {undirectedRelationshipTypes: ['*']}) AS g
  RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships
}
// Each algorithm's answer is kept for the run's embedded items only, as a list ordered by item
// id: the same order as the item table below (every embedded item is a projected node, and ids
// are unique in a dataset), so the lists line up index by index.
CALL () {
  CALL gds.louvain.stream($graph, {relationshipWeightProperty: 'weight', concurrency: 1})
  YIELD nodeId, communityId
  WITH gds.util.asNode(nodeId) AS i, communityId
  MATCH (i)-[:HAS_EMBEDDING]->(:Embedding {run: $run})
  WITH i, communityId ORDER BY i.id
  RETURN collect(communityId) AS louvain, count(DISTINCT communityId) AS louvainCommunities
}
CALL () {
  CALL gds.leiden.stream($graph, {relationshipWeightProperty: 'weight', concurrency: 1, randomSeed: 42})
  YIELD nodeId, communityId
  WITH gds.util.asNode(nodeId) AS i, communityId
  MATCH (i)-[:HAS_EMBEDDING]->(:Embedding {run: $run})
  WITH i, communityId ORDER BY i.id
  RETURN collect(communityId) AS leiden, count(DISTINCT communityId) AS leidenCommunities
}
CALL (r) {
  CALL gds.fastRP.stream($graph, {embeddingDimension: r.rank, relationshipWeightProperty: 'weight',
                                  concurrency: 1, randomSeed: 42})
  YIELD nodeId, embedding
  WITH gds.util.asNode(nodeId) AS i, embedding
  MATCH (i)-[:HAS_EMBEDDING]->(:Embedding {run: $run})
  WITH i, sqrt(reduce(s = 0.0, x IN embedding | s + x * x)) AS norm ORDER BY i.id
  RETURN collect(norm) AS fastRpNorms
}
CALL () {
  CALL gds.graph.drop($graph, false) YIELD graphName
  RETURN count(graphName) AS dropped
}
CALL () {
  // The PPMI degree of the run's whole set (spiky.degrees reads it from the set's file when the
  // graph holds only each item's strongest pairs), not the sum over the projected relationships.
  CALL spiky.degrees($run, {}) YIELD node AS i, norm, interactions, ppmiDegree
  MATCH (i)-[:HAS_EMBEDDING]->(e:Embedding {run: $run})
  WITH i, e, norm, interactions, ppmiDegree ORDER BY i.id
  // Maps, not bare values: collect() would drop a null spike or truth and break the alignment.
  RETURN collect({spike: e['spike' + toString($f)], truth: i.trueCommunity, norm: norm,
                  ppmiDegree: ppmiDegree, interactions: toFloat(interactions)}) AS items
}
WITH r, dataset, ppmiRun, nodes, relationships, louvain, louvainCommunities, leiden, leidenCommunities,
     fastRpNorms, items,
     [m IN items | m.spike] AS spikes,
     [m IN items | m.truth] AS truth,
     [m IN items | m.ppmiDegree] AS degrees,
     [m IN items | m.interactions] AS interactions,
     [k IN range(0, size(items) - 1) WHERE items[k].spike IS NOT NULL] AS covered,
     [k IN range(0, size(items) - 1) WHERE items[k].truth IS NOT NULL] AS known
WITH *, [k IN covered WHERE items[k].truth IS NOT NULL] AS coveredKnown
WITH *, [c IN [{labels: louvain, communities: louvainCommunities}, {labels: leiden, communities: leidenCommunities}] | {
  communities: c.communities,
  ariSpikesCovered: spiky.stats.ari([k IN covered | c.labels[k]], [k IN covered | spikes[k]]),
  nmiSpikesCovered: spiky.stats.nmi([k IN covered | c.labels[k]], [k IN covered | spikes[k]]),
  ariSpikesAll: spiky.stats.ari(c.labels, spikes),
  nmiSpikesAll: spiky.stats.nmi(c.labels, spikes),
  ariTruth: CASE WHEN size(known) > 0 THEN spiky.stats.ari([k IN known | c.labels[k]], [k IN known | truth[k]]) END,
  nmiTruth: CASE WHEN size(known) > 0 THEN spiky.stats.nmi([k IN known | c.labels[k]], [k IN known | truth[k]]) END
}] AS detected,
[n IN [{norms: fastRpNorms, dimension: r.rank}, {norms: [m IN items | m.norm], dimension: r.rank}] | {
  dimension: n.dimension,
  normMin: reduce(lo = null, x IN n.norms | CASE WHEN lo IS NULL OR x < lo THEN x ELSE lo END),
  normMax: reduce(hi = null, x IN n.norms | CASE WHEN hi IS NULL OR x > hi THEN x ELSE hi END),
  spearmanNormPpmiDegree: spiky.stats.spearman(n.norms, degrees),
  spearmanNormInteractions: spiky.stats.spearman(n.norms, interactions),
  pearsonNormPpmiDegree: spiky.stats.pearson(n.norms, degrees),
  pearsonNormInteractions: spiky.stats.pearson(n.norms, interactions)
}] AS embeddings
RETURN dataset, ppmiRun, nodes, relationships, size(items) AS items, size(covered) AS covered,
       detected[0] AS louvain,
       detected[1] AS leiden,
       {
         peaks: r.spkPeaks[[k IN range(0, size(r.spkF) - 1) WHERE r.spkF[k] = $f][0]],
         ariTruthCovered: CASE WHEN size(known) > 0 THEN spiky.stats.ari([k IN coveredKnown | spikes[k]], [k IN coveredKnown | truth[k]]) END,
         nmiTruthCovered: CASE WHEN size(known) > 0 THEN spiky.stats.nmi([k IN coveredKnown | spikes[k]], [k IN coveredKnown | truth[k]]) END,
         ariTruthAll: CASE WHEN size(known) > 0 THEN spiky.stats.ari([k IN known | spikes[k]], [k IN known | truth[k]]) END,
         nmiTruthAll: CASE WHEN size(known) > 0 THEN spiky.stats.nmi([k IN known | spikes[k]], [k IN known | truth[k]]) END
       } AS spikes,
       embeddings[0] AS fastRP,
       embeddings[1] AS spiky
