package spiky.proc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;
import spiky.InvalidInputException;
import spiky.algo.dcbm.DcbmFit;
import spiky.config.ConfigReader;
import spiky.config.Setting;
import spiky.config.SettingType;
import spiky.config.SettingsTable;
import spiky.graph.EmbeddingReader;
import spiky.graph.SpkTable;
import spiky.graph.SpikeGraphReader;
import spiky.graph.SpikeGraphReader.SpikeGraph;
import spiky.graph.SpikeGraphReader.Weight;

/** {@code spiky.dcbm.fit}: the degree-corrected block model fitted to a run's spikes. */
public final class DcbmFitProcedures {
    static final int DEFAULT_BLOCKS = 20;
    static final int MAX_BLOCKS = 200;
    static final Setting<Integer> F = Setting.described("f", SettingType.Ints.atLeast(1), null,
            "the smallest f' of the run's Spk table", "which spike properties (spike<f'>)");
    static final Setting<Weight> WEIGHT = Setting.of("weight", new SettingType.Choice<>(List.of(Weight.COUNT, Weight.PPMI),
            w -> w == Weight.PPMI ? "ppmi" : "count"), Weight.COUNT, "what an edge weighs: its co-occurrence count or its PPMI value");
    static final Setting<Integer> BLOCKS = Setting.of("blocks", SettingType.Ints.in(1, MAX_BLOCKS), DEFAULT_BLOCKS,
            "how many of the largest spikes to list");
    /** The keys of spiky.dcbm.fit; nothing is recorded. */
    static final SettingsTable<Void> SETTINGS = SettingsTable.<Void>empty().withUnrecorded(F).withUnrecorded(WEIGHT).withUnrecorded(BLOCKS);

    /** This database's jobs and in-memory state (SpikyExtension). */
    @Context
    public SpikyService service;

    @Context
    public Transaction tx;

    @Context
    public TerminationGuard guard;

    /**
     * One row. Numbers that are undefined (no edges, a spike without weight, fewer than two items)
     * are null.
     */
    public record FitRow(long items, long spikes, long edges, double totalWeight, Double withinShare,
            Double spearmanNormTheta, Double meanSpearmanNormTheta, List<Map<String, Object>> blocks,
            Map<String, Object> blockMatrix) {}

    @Procedure(name = "spiky.dcbm.fit", mode = Mode.READ)
    @Description("spiky.dcbm.fit(runId :: STRING, config = {} :: MAP) :: (items, spikes, edges, totalWeight, withinShare, "
            + "spearmanNormTheta, meanSpearmanNormTheta, blocks, blockMatrix) - "
            + "Fits the degree-corrected block model (Karrer & Newman 2011) by maximum likelihood to the run's spike partition "
            + "at one f', on the PPMI relationships the run embeds (its ppmiRun) among the items the spikes cover, weighted by co-occurrence "
            + "count or PPMI value: theta_i = k_i / kappa_r (k: weighted degree, kappa_r: sum of k over spike r) and "
            + "B_rs = m_rs * 2m / (kappa_r * kappa_s) (m_rs: weight between r and s, twice when r = s; 2m = totalWeight). "
            + "B_rr >> 1 >> B_rs means the spikes are assortative blocks; the paper's theorem says the norm estimates theta, "
            + "so Spearman(norm, theta) should be high inside each spike. withinShare: share of 2m inside spikes; "
            + "spearmanNormTheta: pooled over covered items; meanSpearmanNormTheta: mean over spikes of at least 3 items; "
            + "blocks: the largest spikes (spike, name, size, kappa, spearmanNormTheta, pearsonNormTheta), by size then peak id; "
            + "blockMatrix: {spikes, names, values}, B between those spikes in that order. "
            + ConfigDocs.HEAD + ConfigDocs.DCBM_FIT + ".")
    public Stream<FitRow> fit(@Name("runId") String run, @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        ConfigReader reader = SETTINGS.reader(config);
        Integer given = F.read(reader);
        long f = given != null ? given : smallestF(run);
        Weight weight = WEIGHT.read(reader);
        int blocks = BLOCKS.read(reader);

        SpikeGraph graph = SpikeGraphReader.read(tx, service.ppmiSets(), run, f, weight, guard::check);
        DcbmFit.Result fit = DcbmFit.fit(graph.input(), blocks);
        return Stream.of(row(graph, fit));
    }

    private long smallestF(String run) {
        long[] levels = SpkTable.levels(EmbeddingReader.run(tx, run));
        if (levels.length == 0) {
            throw InvalidInputException.parameter("runId", "run '" + run + "' has no Spk table yet: call spiky.spikes.write first");
        }
        return Arrays.stream(levels).min().getAsLong();
    }

    private static FitRow row(SpikeGraph graph, DcbmFit.Result fit) {
        List<Map<String, Object>> blocks = new ArrayList<>();
        List<Object> spikes = new ArrayList<>();
        List<Object> names = new ArrayList<>();
        for (int g : fit.largest()) {
            DcbmFit.Block b = fit.blocks()[g];
            Map<String, Object> block = new LinkedHashMap<>();
            block.put("spike", graph.peakIds()[g]);
            block.put("name", graph.peakNames()[g]);
            block.put("size", (long) b.size());
            block.put("kappa", b.kappa());
            block.put("spearmanNormTheta", orNull(b.spearmanNormTheta()));
            block.put("pearsonNormTheta", orNull(b.pearsonNormTheta()));
            blocks.add(block);
            spikes.add(graph.peakIds()[g]);
            names.add(graph.peakNames()[g]);
        }
        List<List<Double>> values = new ArrayList<>();
        for (double[] line : fit.blockMatrix()) {
            values.add(Arrays.stream(line).mapToObj(DcbmFitProcedures::orNull).toList());
        }
        Map<String, Object> matrix = new LinkedHashMap<>();
        matrix.put("spikes", spikes);
        matrix.put("names", names);
        matrix.put("values", values);
        return new FitRow(graph.input().items(), fit.blocks().length, fit.edges(), fit.twoM(), orNull(fit.withinShare()),
                orNull(fit.spearmanNormTheta()), orNull(fit.meanSpearmanNormTheta()), blocks, matrix);
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
