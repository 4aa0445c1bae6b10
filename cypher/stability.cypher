// Stability of similar-items lists by norm (the paper's Section 4, Figure 3): the reference run's
// items split into equal-size quantiles of norm (partition 1 = lowest), a seeded sample of each;
// per compared run, partition and metric, the mean Jaccard (IoU) of each sampled item's top-k
// list among its partition's candidates with its list in the reference run, and a 95 % interval.
// missing counts sampled items absent from a run (their list there is empty: Jaccard 0);
// meanJaccardPresent averages over the sampled items present in the run only.
// Parameters: $ref (reference run id), $runs (list of run ids, e.g. from spiky.snapshots),
// $config (map: partitions, sample, k, metric 'cosine' | 'dot' | 'both', seed, concurrency).
CALL spiky.stability($ref, $runs, $config)
YIELD run, until, partition, normMin, normMax, candidates, sampled, missing, metric, k, meanJaccard, ciLow, ciHigh, meanJaccardPresent
RETURN run, until, partition, normMin, normMax, candidates, sampled, missing, metric, k, meanJaccard, ciLow, ciHigh, meanJaccardPresent
ORDER BY metric, partition, until, run
