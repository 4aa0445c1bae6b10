package spiky.algo.pipeline;

import java.util.List;
import java.util.Map;
import spiky.InvalidInputException;
import spiky.algo.ppmi.PpmiConfig;
import spiky.algo.spikes.SpikeConfig;
import spiky.algo.svd.SvdConfig;
import spiky.config.ConfigReader;
import spiky.config.SettingsTable;

/**
 * Every setting of a pipeline run, read from a user's map. The defaults are the paper's
 * reference: PPMI with count ≥ 2 and the SQL top-2000 rank rule, a truncated SVD at rank 128 with
 * 10 oversamples and 7 power iterations, E = U·Σ, Spk at 16, 32, 64, 128 with cos > 0.9 and ρ = 0.5,
 * except the SVD's method: block-krylov by default (more accurate and faster, see
 * {@link SvdConfig#DEFAULTS}); {@code method: 'randomized'} reproduces the paper's randomized SVD.
 *
 * @param sigmaPower           p in E = U·Σ^p
 * @param writePpmi            write the PPMI matrix as (:Item)-[:PPMI]->(:Item) relationships
 * @param maxPpmiRelationships above this many pairs only each item's strongest pairs are written (the run says so)
 * @param ppmiGraphTopK        how many of its strongest pairs each item keeps in the graph above
 *                             maxPpmiRelationships (0: none); the whole matrix then goes to a file
 * @param until                when not null, only interactions with a timestamp ≤ this (epoch seconds)
 *                             count: the dataset as it was at that moment (a snapshot)
 */
public record PipelineConfig(PpmiConfig ppmi, SvdConfig svd, double sigmaPower, SpikeConfig spikes, int concurrency,
        boolean writePpmi, long maxPpmiRelationships, int ppmiGraphTopK, Long until) {

    public static final long DEFAULT_MAX_PPMI_RELATIONSHIPS = 2_000_000L;
    public static final int DEFAULT_CONCURRENCY = PipelineSettings.DEFAULT_CONCURRENCY;

    /** Every key of spiky.pipeline, in the order the run records them. */
    public static final SettingsTable<PipelineConfig> SETTINGS = SettingsTable.<PipelineConfig>empty()
            .with(PipelineSettings.PPMI, PipelineConfig::ppmi)
            .with(PipelineSettings.SVD, PipelineConfig::svd)
            .with(PipelineSettings.SIGMA_POWER, PipelineConfig::sigmaPower)
            .with(PipelineSettings.SPIKES, PipelineConfig::spikes)
            .with(PipelineSettings.CONCURRENCY, PipelineConfig::concurrency)
            .with(PipelineSettings.WRITE_PPMI, PipelineConfig::writePpmi)
            .with(PipelineSettings.MAX_PPMI_RELATIONSHIPS, PipelineConfig::maxPpmiRelationships)
            .with(PipelineSettings.PPMI_GRAPH_TOP_K, PipelineConfig::ppmiGraphTopK)
            .with(PipelineSettings.UNTIL, PipelineConfig::until);

    public static final List<String> KEYS = SETTINGS.keys();

    public static final PipelineConfig DEFAULTS = from(Map.of());

    public static PipelineConfig from(Map<String, ?> map) {
        ConfigReader c = SETTINGS.reader(map);
        PpmiConfig ppmi = PipelineSettings.readPpmi(c);
        SvdConfig svd = PipelineSettings.readSvd(c);
        SpikeConfig spikes = PipelineSettings.readSpikes(c, svd.rank());
        return new PipelineConfig(ppmi, svd, PipelineSettings.SIGMA_POWER.read(c), spikes, PipelineSettings.CONCURRENCY.read(c),
                PipelineSettings.WRITE_PPMI.read(c), PipelineSettings.MAX_PPMI_RELATIONSHIPS.read(c), PipelineSettings.PPMI_GRAPH_TOP_K.read(c), PipelineSettings.UNTIL.read(c));
    }

    /** Checks the settings against the data: the SVD needs rank + oversampling ≤ kept items. */
    public void checkAgainst(int keptItems) {
        checkSvdFits(svd, keptItems);
    }

    /** The SVD needs rank + oversampling ≤ the items that keep a PPMI pair. */
    public static void checkSvdFits(SvdConfig svd, int keptItems) {
        if (svd.rank() + svd.oversampling() > keptItems) {
            throw InvalidInputException.parameter("rank", "rank " + svd.rank() + " + oversampling " + svd.oversampling()
                    + " exceeds the " + keptItems + " items that keep a PPMI pair: lower rank (or oversampling)");
        }
    }

    /** The same settings on the interactions up to {@code cut} (epoch seconds), written or not. */
    public PipelineConfig snapshot(long cut, boolean write) {
        return new PipelineConfig(ppmi, svd, sigmaPower, spikes, concurrency, write, maxPpmiRelationships, ppmiGraphTopK, cut);
    }

    /**
     * How many strongest pairs per item a run with {@code pairs} PPMI pairs writes into the graph:
     * 0 for all of them (at most maxPpmiRelationships pairs), else ppmiGraphTopK (0: none).
     */
    public int graphTopK(long pairs) {
        return pairs <= maxPpmiRelationships ? 0 : ppmiGraphTopK;
    }

    /** Every parameter by its config name, for the run's record (until only when set). */
    public Map<String, Object> toMap() {
        return SETTINGS.toMap(this);
    }
}
