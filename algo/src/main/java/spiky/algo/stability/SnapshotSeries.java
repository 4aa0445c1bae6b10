package spiky.algo.stability;

import java.util.List;
import spiky.InvalidInputException;

/**
 * A dataset's snapshot runs in order of their moment (earliest first): what
 * {@link StabilityForecast} learns from.
 */
public record SnapshotSeries(String dataset, List<Snapshot> snapshots) {
    public SnapshotSeries {
        snapshots = List.copyOf(snapshots);
        for (int s = 1; s < snapshots.size(); s++) {
            if (snapshots.get(s).until() <= snapshots.get(s - 1).until()) {
                throw InvalidInputException.parameter("runs", "snapshot runs must have increasing moments: '" + snapshots.get(s).runId()
                        + "' is not after '" + snapshots.get(s - 1).runId() + "'");
            }
        }
    }

    /**
     * One snapshot run: its embedded items (row a = item itemIds[a]), their vectors (row-major,
     * rows × dims), norms, interactions up to the moment, and whether the spike cover reached them.
     *
     * @param until epoch seconds: the interactions the run embeds have a timestamp up to it
     */
    public record Snapshot(String runId, long until, Object[] itemIds, double[] vectors, int dims, double[] norms, long[] interactions,
            boolean[] covered) {
        public Snapshot {
            int n = itemIds.length;
            if (vectors.length != (long) n * dims || norms.length != n || interactions.length != n || covered.length != n) {
                throw new IllegalArgumentException("snapshot '" + runId + "': " + n + " items, " + vectors.length + " coordinates for "
                        + dims + " dimensions, " + norms.length + " norms, " + interactions.length + " interaction counts, "
                        + covered.length + " cover flags");
            }
        }

        public int size() {
            return itemIds.length;
        }
    }
}
