package spiky.algo.dcbm;

import java.util.SplittableRandom;
import spiky.Progress;
import spiky.data.Interactions;
import spiky.data.InteractionsBuilder;

/**
 * Samples item–context interactions from an assortative degree-corrected block model, the
 * synthetic setting in which Afchar et al. show that truncated-SVD item embeddings are spiky.
 *
 * <ol>
 *   <li>Item i (0-based, id {@code i + 1}) belongs to community {@code i mod K}, so community sizes differ by at most one.
 *   <li>Each item draws θ by inverse CDF: θ = thetaMin · u^(−1/exponent), u uniform in (0, 1] (a Pareto law, see {@link DcbmConfig}).
 *   <li>Context j (0-based, id {@code j + 1}) draws a length L uniform in [minLength, maxLength] and a home community uniform in [0, K).
 *   <li>Each of its L slots stays in the home community with probability 1 − mix, else moves to one of the
 *       other K − 1 communities uniformly; it then picks an item of that community with probability ∝ θ.
 *   <li>A context is a set: a slot that picks an item already in its context adds nothing.
 * </ol>
 *
 * Every interaction of context j has the timestamp {@code FIRST_TIMESTAMP + j · CONTEXT_INTERVAL}
 * (epoch seconds; one context a minute from 2020-09-13), so time-cut analyses see contexts in id
 * order. All randomness comes from one {@link SplittableRandom} seeded with the configuration's
 * seed, consumed in a fixed order: the same configuration always gives the same dataset.
 */
public final class DcbmGenerator {
    public static final long FIRST_TIMESTAMP = 1_600_000_000L;
    public static final long CONTEXT_INTERVAL = 60;
    private static final int PROGRESS_EVERY = 100_000;

    private final DcbmConfig config;
    private final Progress progress;

    public DcbmGenerator(DcbmConfig config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    /**
     * A generated dataset with what the graph does not keep.
     *
     * @param interactions the dataset, with the items' planted community and θ as truth
     * @param contextHome  per context, in the order of {@code interactions.contextKeys()}, its home community
     * @param slots        slots drawn (interactions before duplicates collapsed)
     * @param offHomeSlots slots that left their context's home community
     */
    public record Result(Interactions interactions, int[] contextHome, long slots, long offHomeSlots) {}

    public Result generate() {
        SplittableRandom random = new SplittableRandom(config.seed());
        int k = config.communities();
        int[] community = new int[config.items()];
        double[] theta = new double[config.items()];
        for (int i = 0; i < theta.length; i++) {
            community[i] = i % k;
            // 1 − nextDouble() lies in (0, 1], so θ is finite and at least thetaMin.
            theta[i] = config.thetaMin() * Math.pow(1.0 - random.nextDouble(), -1.0 / config.exponent());
        }
        CommunitySampler[] samplers = new CommunitySampler[k];
        for (int c = 0; c < k; c++) {
            samplers[c] = CommunitySampler.of(c, k, theta);
        }

        int[] lengths = new int[config.contexts()];
        long totalSlots = 0;
        for (int j = 0; j < lengths.length; j++) {
            lengths[j] = config.minLength() + random.nextInt(config.maxLength() - config.minLength() + 1);
            totalSlots += lengths[j];
        }

        String[] itemKeys = new String[config.items()];
        for (int i = 0; i < itemKeys.length; i++) {
            itemKeys[i] = Integer.toString(i + 1);
        }
        String stage = "generating DCBM interactions";
        InteractionsBuilder builder = new InteractionsBuilder();
        int[] home = new int[config.contexts()];
        long slots = 0;
        long offHome = 0;
        for (int j = 0; j < lengths.length; j++) {
            String contextKey = Integer.toString(j + 1);
            long timestamp = FIRST_TIMESTAMP + j * CONTEXT_INTERVAL;
            home[j] = random.nextInt(k);
            for (int s = 0; s < lengths[j]; s++) {
                int c = home[j];
                if (k > 1 && random.nextDouble() < config.mix()) {
                    c = random.nextInt(k - 1);
                    if (c >= home[j]) {
                        c++;
                    }
                    offHome++;
                }
                builder.add(itemKeys[samplers[c].draw(random)], contextKey, timestamp, Double.NaN);
                if (++slots % PROGRESS_EVERY == 0) {
                    progress.report(stage, slots, totalSlots);
                }
            }
        }
        progress.report(stage, slots, totalSlots);
        // Every context has at least one slot, so contexts appear in the builder in order j and home stays aligned.
        return new Result(withTruth(builder.build(), community, theta), home, slots, offHome);
    }

    /** Attaches truth in the builder's item order (first appearance), which is not the generator's. */
    private static Interactions withTruth(Interactions raw, int[] community, double[] theta) {
        String[] keys = raw.itemKeys();
        int[] trueCommunity = new int[keys.length];
        double[] trueTheta = new double[keys.length];
        for (int b = 0; b < keys.length; b++) {
            int i = Integer.parseInt(keys[b]) - 1;
            trueCommunity[b] = community[i];
            trueTheta[b] = theta[i];
        }
        return new Interactions(keys, raw.itemNames(), raw.contextKeys(), raw.itemOf(), raw.contextOf(),
                raw.timestamps(), raw.weights(), new Interactions.Truth(trueCommunity, trueTheta),
                raw.rowsRead(), raw.rowsSkipped());
    }

    /** Draws an item of one community with probability ∝ θ, by binary search in the cumulative θ. */
    private record CommunitySampler(int[] members, double[] cumulative) {
        static CommunitySampler of(int community, int communities, double[] theta) {
            int size = (theta.length - community + communities - 1) / communities;
            int[] members = new int[size];
            double[] cumulative = new double[size];
            double sum = 0;
            for (int m = 0; m < size; m++) {
                members[m] = community + m * communities;
                sum += theta[members[m]];
                cumulative[m] = sum;
            }
            return new CommunitySampler(members, cumulative);
        }

        int draw(SplittableRandom random) {
            double x = random.nextDouble() * cumulative[cumulative.length - 1];
            // The first m with cumulative[m] > x; x < total, so it exists.
            int lo = 0;
            int hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] > x) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return members[lo];
        }
    }
}
