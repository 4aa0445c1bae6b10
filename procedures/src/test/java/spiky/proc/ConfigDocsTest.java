package spiky.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import spiky.algo.pipeline.PipelineConfig;
import spiky.algo.pipeline.PpmiStepConfig;
import spiky.algo.pipeline.SpikeStepConfig;
import spiky.algo.pipeline.SvdStepConfig;
import spiky.algo.pipeline.SweepStepConfig;
import spiky.algo.similar.SimilarConfig;
import spiky.algo.stability.ForecastConfig;
import spiky.config.SettingsTable;

/**
 * The @Description texts of the procedures are compile-time constants (ConfigDocs); each must be
 * exactly what its settings table renders. On a mismatch the failure prints the ConfigDocs source
 * to paste, so that the table stays the one definition and the literals only follow it.
 */
class ConfigDocsTest {
    /** Each ConfigDocs constant and the table it renders. */
    static Map<String, SettingsTable<?>> tables() {
        Map<String, SettingsTable<?>> t = new LinkedHashMap<>();
        t.put("PIPELINE", PipelineConfig.SETTINGS);
        t.put("PPMI", PpmiStepConfig.SETTINGS);
        t.put("PPMI_WRITE", PpmiStepConfig.WRITE_SETTINGS);
        t.put("SVD", SvdStepConfig.SETTINGS);
        t.put("SPIKES", SpikeStepConfig.SETTINGS);
        t.put("SWEEP", SweepStepConfig.SETTINGS);
        t.put("SIMILAR", SimilarConfig.SETTINGS);
        t.put("FORECAST", ForecastConfig.SETTINGS);
        t.put("DCBM", DcbmProcedures.SETTINGS);
        t.put("DCBM_FIT", DcbmFitProcedures.SETTINGS);
        t.put("DEGREES", DegreeProcedures.SETTINGS);
        t.put("SNAPSHOTS", SnapshotStep.SETTINGS);
        t.put("STABILITY", StabilityStep.SETTINGS);
        return t;
    }

    static String constant(String name) throws ReflectiveOperationException {
        Field f = ConfigDocs.class.getDeclaredField(name);
        f.setAccessible(true);
        return (String) f.get(null);
    }

    @Test
    void everyConstantIsWhatItsTableRenders() throws ReflectiveOperationException {
        StringBuilder source = new StringBuilder();
        boolean stale = false;
        for (Map.Entry<String, SettingsTable<?>> e : tables().entrySet()) {
            String rendered = e.getValue().render();
            assertFalse(rendered.isEmpty(), e.getKey());
            stale |= !rendered.equals(constant(e.getKey()));
            source.append("    static final String ").append(e.getKey()).append(" = ").append(javaLiteral(rendered)).append(";\n");
        }
        assertFalse(stale, "ConfigDocs is out of date with the settings tables; its constants must read:\n" + source);
    }

    @Test
    void everyConfigDocsConstantHasATable() {
        for (Field f : ConfigDocs.class.getDeclaredFields()) {
            if (f.getType() == String.class && !f.getName().equals("HEAD")) {
                assertEquals(true, tables().containsKey(f.getName()), "ConfigDocs." + f.getName() + " has no table in ConfigDocsTest");
            }
        }
    }

    @Test
    void theReadmeSettingsTableIsWhatThePipelineTableRenders() throws Exception {
        Path readme = Path.of("").toAbsolutePath();
        while (readme != null && !Files.exists(readme.resolve("README.md"))) {
            readme = readme.getParent();
        }
        assertNotNull(readme, "no README.md above " + Path.of("").toAbsolutePath());
        String text = Files.readString(readme.resolve("README.md"));
        String start = "<!-- settings: spiky.pipeline (generated from PipelineConfig.SETTINGS; ConfigDocsTest checks it) -->\n";
        int from = text.indexOf(start);
        int to = text.indexOf("<!-- /settings -->", from);
        assertTrue(from >= 0 && to > from, "the README has no settings table between its markers");
        assertEquals(PipelineConfig.SETTINGS.markdown(), text.substring(from + start.length(), to),
                "the README's settings table differs from PipelineConfig.SETTINGS.markdown(); paste that in its place");
    }

    /** A Java string literal, split in lines of about 110 characters. */
    static String javaLiteral(String s) {
        StringBuilder out = new StringBuilder();
        String escaped = s.replace("\\", "\\\\").replace("\"", "\\\"");
        int i = 0;
        while (i < escaped.length()) {
            int end = Math.min(escaped.length(), i + 110);
            if (end < escaped.length()) {
                int space = escaped.lastIndexOf(' ', end);
                if (space > i) {
                    end = space + 1;
                }
            }
            if (i > 0) {
                out.append("\n            + ");
            }
            out.append('"').append(escaped, i, end).append('"');
            i = end;
        }
        return out.toString();
    }
}
