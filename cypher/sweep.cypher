// The Spk sweep of a finished run: Spk at every f' from $step to $maxF (step, 2*step, ..., and
// maxF), each on the first f' columns of the run's stored embeddings, without a new SVD; and the
// recommended truncation (spiky.spikes.sweep documents the rule; 'spectral-gap', 'before-noise',
// 'first-level' or 'no-noise' says which step chose it). One row per f', ascending:
//   f, peaks, covered, spk (peaks / n), gap (sigma_f / sigma_(f+1), null at f = rank),
//   recommendedF, rule, gapF (the k of the largest sigma_k / sigma_(k+1)), noiseF (the first f'
//   whose cover needs more than f'/rho peaks, null when none): the same on every row.
// Parameters: $run (run id), $step (null for 1), $maxF (null for the run's rank).
CALL spiky.spikes.sweep($run, {step: $step, maxF: $maxF})
YIELD f, peaks, covered, spk, gap, recommendedF, rule, gapF, noiseF
RETURN f, peaks, covered, spk, gap, recommendedF, rule, gapF, noiseF
ORDER BY f
