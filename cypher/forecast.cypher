// The stability forecast of a run (written by spiky.stability.forecast on the latest snapshot run
// of a dataset): the backtest recorded on the run (model, features, lag, mae, baselineMae, spearman,
// the snapshot runs learnt from, k, metric, gap in days) and the run's forecast items split into
// $bins equal-size bins of norm (bin 1 = lowest norms): per bin its items, norm range, the mean,
// min and max of Embedding.stabilityForecast, and the share the spike cover reaches (the run's
// first f'). No rows when the run has no forecast.
// Parameters: $run (run id), $bins (number of norm bins, e.g. 10).
MATCH (r:EmbeddingRun {id: $run})
WHERE r.forecastModel IS NOT NULL
CALL (r) {
  MATCH (e:Embedding {run: r.id})
  WHERE e.stabilityForecast IS NOT NULL
  WITH e ORDER BY e.norm, e.item
  WITH collect(e) AS es
  WITH es, size(es) AS n
  UNWIND range(0, n - 1) AS i
  WITH n, es[i] AS e, toInteger(i * $bins / n) + 1 AS bin
  WITH bin, count(*) AS items, min(e.norm) AS normMin, max(e.norm) AS normMax,
       avg(e.stabilityForecast) AS forecastMean, min(e.stabilityForecast) AS forecastMin, max(e.stabilityForecast) AS forecastMax,
       avg(CASE WHEN r.spkF IS NOT NULL AND e['spike' + toString(r.spkF[0])] IS NOT NULL THEN 1.0 ELSE 0.0 END) AS coveredShare
  ORDER BY bin
  RETURN collect({bin: bin, items: items, normMin: normMin, normMax: normMax, forecastMean: forecastMean,
                  forecastMin: forecastMin, forecastMax: forecastMax, coveredShare: coveredShare}) AS bins,
         sum(items) AS items
}
RETURN r.id AS run, r.dataset AS dataset, r.forecastModel AS model, r.forecastFeatures AS features, r.forecastLag AS lag,
       r.forecastMae AS mae, r.forecastBaselineMae AS baselineMae, r.forecastSpearman AS spearman, r.forecastRuns AS runs,
       r.forecastTrainRows AS trainRows, r.forecastTestRows AS testRows, r.forecastK AS k, r.forecastMetric AS metric,
       r.forecastGapDays AS gapDays, items, bins
