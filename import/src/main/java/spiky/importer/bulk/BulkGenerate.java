package spiky.importer.bulk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import spiky.Progress;
import spiky.algo.dcbm.DcbmConfig;
import spiky.algo.dcbm.DcbmGenerator;
import spiky.config.ConfigReader;
import spiky.data.Interactions;
import spiky.graph.DatasetNames;
import spiky.proc.DcbmProcedures;

/**
 * {@code spiky generate} (and the server's first start) on a data directory without a store: the
 * DCBM that {@code spiky.dcbm.generate} writes, with the same configuration keys and the same
 * Dataset properties, built by {@link BulkImporter} instead of transactions.
 */
public final class BulkGenerate {
    private static final List<String> KEYS = keys();

    private BulkGenerate() {}

    /** Returns what {@code spiky.dcbm.generate} yields: dataset, items, contexts, interactions, communities, seed, milliseconds. */
    public static Map<String, Object> run(Path dataDir, String dataset, Map<String, ?> config, Progress progress) {
        long started = System.nanoTime();
        DatasetNames.check(dataset);
        ConfigReader reader = new ConfigReader(config, KEYS);
        reader.bool("replace", false); // accepted as the procedure does; a new store has nothing to replace
        DcbmConfig dcbm = DcbmConfig.read(reader);
        BulkImporter.checkEmpty(dataDir);
        Interactions data = new DcbmGenerator(dcbm, progress).generate().interactions();
        new BulkImporter(progress).write(dataDir, dataset, data, DcbmProcedures.datasetProperties(dcbm));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dataset", dataset);
        out.put("items", (long) data.itemCount());
        out.put("contexts", (long) data.contextCount());
        out.put("interactions", (long) data.size());
        out.put("communities", (long) dcbm.communities());
        out.put("seed", dcbm.seed());
        out.put("milliseconds", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return out;
    }

    private static List<String> keys() {
        List<String> keys = new ArrayList<>(DcbmConfig.KEYS);
        keys.add("replace");
        return List.copyOf(keys);
    }
}
