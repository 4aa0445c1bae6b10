package spiky.algo.dcbm;

import java.util.Arrays;
import java.util.SplittableRandom;
import spiky.Progress;
import spiky.data.Interactions;

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

        String stage = "generating DCBM interactions";
        DistinctInteractions out = new DistinctInteractions(config.items(), config.contexts(), totalSlots);
        int[] home = new int[config.contexts()];
        long slots = 0;
        long offHome = 0;
        for (int j = 0; j < lengths.length; j++) {
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
                out.add(samplers[c].draw(random), j);
                if (++slots % PROGRESS_EVERY == 0) {
                    progress.report(stage, slots, totalSlots);
                }
            }
        }
        progress.report(stage, slots, totalSlots);
        return new Result(out.build(community, theta, slots), home, slots, offHome);
    }

    /**
     * Collects distinct (item, context) pairs as {@link spiky.data.InteractionsBuilder} would, with items in
     * order of first appearance, but on the generator's int indices: contexts arrive one after the
     * other, so "already in this context" is one array look-up, several times faster than hashing
     * string keys, which matters at millions of slots.
     */
    private static final class DistinctInteractions {
        /** Per generator item, its index in the output, or -1 while no slot has picked it. */
        private final int[] indexOf;
        /** Per generator item, the last context that holds it, or -1. */
        private final int[] lastContext;
        /** Per output index, the generator item: the inverse of indexOf. */
        private final int[] firstSeen;
        private final int contexts;
        private final int[] itemOf;
        private final int[] contextOf;
        private int distinctItems;
        private int size;

        DistinctInteractions(int items, int contexts, long maxSize) {
            this.indexOf = new int[items];
            this.lastContext = new int[items];
            this.firstSeen = new int[items];
            this.contexts = contexts;
            Arrays.fill(indexOf, -1);
            Arrays.fill(lastContext, -1);
            this.itemOf = new int[(int) maxSize];
            this.contextOf = new int[(int) maxSize];
        }

        /** Adds item (generator index) to context j; contexts must come in increasing order. */
        void add(int item, int j) {
            if (lastContext[item] == j) {
                return;
            }
            lastContext[item] = j;
            if (indexOf[item] < 0) {
                indexOf[item] = distinctItems;
                firstSeen[distinctItems] = item;
                distinctItems++;
            }
            itemOf[size] = indexOf[item];
            contextOf[size] = j;
            size++;
        }

        Interactions build(int[] community, double[] theta, long slots) {
            String[] itemKeys = new String[distinctItems];
            int[] trueCommunity = new int[distinctItems];
            double[] trueTheta = new double[distinctItems];
            for (int b = 0; b < distinctItems; b++) {
                int i = firstSeen[b];
                itemKeys[b] = Integer.toString(i + 1);
                trueCommunity[b] = community[i];
                trueTheta[b] = theta[i];
            }
            // Every context has at least one slot, so every context is present, in order j.
            String[] contextKeys = new String[contexts];
            for (int j = 0; j < contexts; j++) {
                contextKeys[j] = Integer.toString(j + 1);
            }
            long[] timestamps = new long[size];
            for (int k = 0; k < size; k++) {
                timestamps[k] = FIRST_TIMESTAMP + contextOf[k] * CONTEXT_INTERVAL;
            }
            return new Interactions(itemKeys, new String[distinctItems], contextKeys,
                    Arrays.copyOf(itemOf, size), Arrays.copyOf(contextOf, size), timestamps, null,
                    new Interactions.Truth(trueCommunity, trueTheta), slots, 0);
        }
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
