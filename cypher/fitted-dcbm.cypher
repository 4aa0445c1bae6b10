// The degree-corrected block model (Karrer & Newman 2011) fitted by maximum likelihood to a
// run's spike partition at one f', on the dataset's observed weighted co-occurrence graph: the
// PPMI relationships the run embeds (its ppmiRun) among the items the spikes cover, weighted by
// co-occurrence count ($weight = 'count') or PPMI value ($weight = 'ppmi').
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
// The fit is a procedure: one pass over the covered items' PPMI relationships, in Java, where a
// Cypher pattern walking every item's neighbours took seconds and its plan depended on the
// statistics of the moment.
// Parameters: $run (run id), $f (an f' of the run's Spk table), $weight ('count' or 'ppmi'),
// $blocks (how many of the largest spikes the block list and matrix show, 1 to 200).
CALL spiky.dcbm.fit($run, {f: $f, weight: $weight, blocks: $blocks})
YIELD items, spikes, edges, totalWeight, withinShare, spearmanNormTheta, meanSpearmanNormTheta, blocks, blockMatrix
RETURN items, spikes, edges, totalWeight, withinShare, spearmanNormTheta, meanSpearmanNormTheta, blocks, blockMatrix
