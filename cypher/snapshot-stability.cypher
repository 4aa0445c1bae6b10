// Stability of a dataset's snapshot runs (those with an until, finished, by moment): the
// similar-items lists of every earlier snapshot against the latest one, by norm quantile of the
// latest (spiky.stability; see stability.cypher for the columns). The paper's Section 4: are the
// neighbours of low-norm items the ones that change?
// Parameters: $dataset (string), $config (map: partitions, sample, k, metric 'cosine' | 'dot' |
// 'both', seed, concurrency). No rows when the dataset has fewer than two snapshot runs.
MATCH (r:EmbeddingRun {dataset: $dataset, status: 'finished'})
WHERE r.until IS NOT NULL
WITH r ORDER BY r.until, r.id
WITH collect(r.id) AS snapshots
WHERE size(snapshots) >= 2
CALL spiky.stability(last(snapshots), snapshots[0..size(snapshots) - 1], $config)
YIELD run, until, partition, normMin, normMax, sampled, missing, metric, k, meanJaccard, ciLow, ciHigh, meanJaccardPresent
RETURN run, until, partition, normMin, normMax, sampled, missing, metric, k, meanJaccard, ciLow, ciHigh, meanJaccardPresent
ORDER BY metric, partition, until, run
