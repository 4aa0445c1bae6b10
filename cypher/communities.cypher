// Communities of a run at one f': one row per spike (the items covered by one peak), with the
// peak item, the spike's size, the distribution of its members' embedding norms, their
// interaction counts, weighted PPMI degrees (sum of PPMI weights over all partners) and
// intra-spike PPMI degrees (only partners in the same spike), and Spearman and Pearson
// correlations of the norm with each degree: the paper's theorem says the norm estimates an
// item's degree inside its spike.
// Parameters: $run (run id), $f (an f' of the run's Spk table), $sort (a numeric column name:
// size, spike, normMin, normMedian, normMax, interactions, meanInteractions or one of the
// correlations), $descending (boolean), $skip, $limit (paging; nulls last, ties by
// peak id). PPMI degrees are 0 when the run kept no PPMI set (writePpmi: false, or over
// maxPpmiRelationships).
// The per-item degrees come from spiky.degrees (one pass over the items' PPMI relationships of
// the set the run embeds, its ppmiRun); this query aggregates them per spike.
MATCH (r:EmbeddingRun {id: $run})
WITH r.dataset AS dataset
CALL spiky.degrees($run, {f: $f}) YIELD spike, norm, interactions, ppmiDegree, intraDegree
WHERE spike IS NOT NULL
WITH dataset, spike,
     count(*) AS size,
     collect(norm) AS norms,
     collect(toFloat(interactions)) AS counts,
     collect(ppmiDegree) AS degrees,
     collect(intraDegree) AS intra,
     min(norm) AS normMin,
     percentileCont(norm, 0.5) AS normMedian,
     max(norm) AS normMax,
     avg(interactions) AS meanInteractions,
     sum(interactions) AS interactions
MATCH (peak:Item {dataset: dataset, id: spike})
WITH spike, peak.name AS peakName, size, normMin, normMedian, normMax, interactions, meanInteractions,
     spiky.stats.spearman(norms, counts) AS spearmanNormInteractions,
     spiky.stats.spearman(norms, degrees) AS spearmanNormPpmiDegree,
     spiky.stats.spearman(norms, intra) AS spearmanNormIntraDegree,
     spiky.stats.pearson(norms, counts) AS pearsonNormInteractions,
     spiky.stats.pearson(norms, degrees) AS pearsonNormPpmiDegree,
     spiky.stats.pearson(norms, intra) AS pearsonNormIntraDegree
WITH *, CASE $sort
          WHEN 'size' THEN toFloat(size) WHEN 'spike' THEN toFloat(spike)
          WHEN 'normMin' THEN normMin WHEN 'normMedian' THEN normMedian WHEN 'normMax' THEN normMax
          WHEN 'interactions' THEN toFloat(interactions) WHEN 'meanInteractions' THEN meanInteractions
          WHEN 'spearmanNormInteractions' THEN spearmanNormInteractions
          WHEN 'spearmanNormPpmiDegree' THEN spearmanNormPpmiDegree
          WHEN 'spearmanNormIntraDegree' THEN spearmanNormIntraDegree
          WHEN 'pearsonNormInteractions' THEN pearsonNormInteractions
          WHEN 'pearsonNormPpmiDegree' THEN pearsonNormPpmiDegree
          WHEN 'pearsonNormIntraDegree' THEN pearsonNormIntraDegree
        END AS sortKey
RETURN spike, peakName, size, normMin, normMedian, normMax, interactions, meanInteractions,
       spearmanNormInteractions, spearmanNormPpmiDegree, spearmanNormIntraDegree,
       pearsonNormInteractions, pearsonNormPpmiDegree, pearsonNormIntraDegree
ORDER BY sortKey IS NULL, CASE WHEN $descending THEN sortKey END DESC, CASE WHEN NOT $descending THEN sortKey END ASC, spike
SKIP $skip LIMIT $limit
