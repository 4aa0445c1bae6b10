package spiky.algo.stability;

/**
 * Settings of a neighbour-stability analysis (the paper's Section 4, Figure 3).
 *
 * @param partitions  equal-size quantiles of the reference run's norms
 * @param sample      items drawn per partition (all of them when the partition is smaller)
 * @param k           length of each similar-items list
 * @param dot         true for the dot product, false for cosine similarity
 * @param seed        seed of the per-partition samples
 * @param concurrency threads
 */
public record StabilityConfig(int partitions, int sample, int k, boolean dot, long seed, int concurrency) {}
