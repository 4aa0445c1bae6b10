package spiky.algo.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import spiky.InvalidInputException;
import spiky.algo.dcbm.DcbmConfig;
import spiky.algo.similar.SimilarConfig;
import spiky.algo.stability.ForecastConfig;
import spiky.config.Setting;
import spiky.config.SettingType;
import spiky.config.SettingsTable;

/**
 * For every step's settings table and every key in it: absent, the key takes the table's default;
 * a value out of its range is refused with a message naming the key and the range; a misspelt key
 * is refused with "Did you mean [key]?". The parsers are the ones the procedures call.
 */
class StepSettingsTest {
    /** The rank that bounds spkDims, step and maxF in these tests: the SVD's default, so the default spkDims list is whole. */
    private static final int RANK = 128;

    /** A step: its table, the parser the procedures use, and the rank its ranges end at. */
    record Step<C>(String name, SettingsTable<C> table, Function<Map<String, Object>, C> parse) {
        Map<String, Object> values(Map<String, Object> map) {
            return table.values(parse.apply(map));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Step<?>> steps() {
        return Stream.of(
                new Step<>("pipeline", PipelineConfig.SETTINGS, PipelineConfig::from),
                new Step<>("ppmi", PpmiStepConfig.SETTINGS, PpmiStepConfig::forCompute),
                new Step<>("ppmi write", PpmiStepConfig.WRITE_SETTINGS, PpmiStepConfig::forWrite),
                new Step<>("svd", SvdStepConfig.SETTINGS, SvdStepConfig::from),
                new Step<>("spikes", SpikeStepConfig.SETTINGS, m -> SpikeStepConfig.from(m, RANK)),
                new Step<>("sweep", SweepStepConfig.SETTINGS, m -> SweepStepConfig.from(m, RANK)),
                new Step<>("similar", SimilarConfig.SETTINGS, SimilarConfig::from),
                new Step<>("forecast", ForecastConfig.SETTINGS, ForecastConfig::from),
                new Step<>("dcbm", DcbmConfig.SETTINGS, DcbmConfig::from));
    }

    static Stream<Arguments> settings() {
        return steps().flatMap(step -> step.table().settings().stream().map(s -> Arguments.of(step, s)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("settings")
    void anAbsentKeyTakesItsDefault(Step<?> step, Setting<?> setting) {
        Map<String, Object> values = step.values(Map.of());
        Object value = values.get(setting.name());
        if (setting.defaultValue() == null) {
            // A default the caller supplies: the run's rank for maxF, "none" for until, the dataset's runs...
            if (setting.name().equals("maxF")) {
                assertEquals((long) RANK, value);
            } else {
                assertEquals(null, value, step + " " + setting.name());
            }
            return;
        }
        assertEquals(stored(setting, setting.defaultValue()), value, step + " " + setting.name());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("settings")
    void aValueOutOfRangeIsRefusedNamingTheKeyAndTheRange(Step<?> step, Setting<?> setting) {
        Object bad = setting.type().outOfRange(RANK);
        if (bad == null) {
            // Booleans, moments, strings and seeds: every value of the right type is allowed; a value of the wrong type is refused.
            Object wrongType = setting.type() instanceof SettingType.Text ? 3L : Map.of("nested", 1L);
            String message = assertThrows(InvalidInputException.class, () -> step.parse().apply(Map.of(setting.name(), wrongType)))
                    .getMessage();
            assertTrue(message.startsWith("Invalid value for `" + setting.name() + "`: expected"), message);
            return;
        }
        String message = assertThrows(InvalidInputException.class, () -> step.parse().apply(Map.of(setting.name(), bad)),
                step + " " + setting.name() + " = " + bad).getMessage();
        assertTrue(message.startsWith("Invalid value for `" + setting.name() + "`: "), message);
        String range = setting.type() instanceof SettingType.Choice<?> choice ? choice.names().toString()
                : setting.type().range().replace("rank]", RANK + "]").replace("a list of integers, each in ", "");
        assertTrue(message.contains(range), "'" + range + "' in: " + message);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("settings")
    void aMisspeltKeyIsRefusedWithTheKeyItMeant(Step<?> step, Setting<?> setting) {
        String typo = setting.name() + "x";
        String message = assertThrows(InvalidInputException.class, () -> step.parse().apply(Map.of(typo, 1L))).getMessage();
        assertEquals("Unexpected configuration key: " + typo + " (Did you mean [" + setting.name() + "]?)", message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void theRecordedParametersReadBackToTheSameConfig(Step<?> step) {
        Map<String, Object> recorded = step.values(Map.of());
        assertFalse(recorded.isEmpty());
        Map<String, Object> again = step.values(new HashMap<>(recorded));
        assertEquals(recorded, again, step.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void everyKeyIsDocumented(Step<?> step) {
        String doc = step.table().render();
        for (Setting<?> s : step.table().settings()) {
            assertTrue(doc.contains(s.name() + " (default " + s.defaultText()), s.name());
            assertFalse(s.doc().isBlank(), s.name());
        }
        assertEquals(step.table().keys().size(), doc.split("; ").length, "one entry per key, separated by '; ': " + doc);
    }

    /**
     * The tables refer to each other's settings (concurrency is everyone's): whichever config class
     * a JVM touches first must initialise whole. Each is loaded first in a class loader of its own.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spiky.algo.stability.ForecastConfig", "spiky.algo.similar.SimilarConfig", "spiky.algo.dcbm.DcbmConfig",
        "spiky.algo.pipeline.PipelineSettings", "spiky.algo.pipeline.PipelineConfig", "spiky.algo.pipeline.PpmiStepConfig",
        "spiky.algo.pipeline.SvdStepConfig", "spiky.algo.pipeline.SpikeStepConfig", "spiky.algo.pipeline.SweepStepConfig"})
    void everyConfigClassInitialisesWhicheverComesFirst(String className) throws Exception {
        URL classes = PipelineConfig.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader fresh = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> c = Class.forName(className, true, fresh);
            Object table = c.getField(className.endsWith("PipelineSettings") ? "PPMI" : "SETTINGS").get(null);
            assertNotNull(table, className);
            assertFalse(((List<?>) table.getClass().getMethod("keys").invoke(table)).isEmpty(), className);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Object stored(Setting<T> setting, Object value) {
        return setting.type().stored((T) value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void aKeyMeansTheSameInEveryStepThatHasIt(Step<?> step) {
        // One definition per key: the same Setting object wherever the key appears.
        for (Setting<?> s : step.table().settings()) {
            steps().flatMap(other -> other.table().settings().stream()).filter(o -> o.name().equals(s.name()))
                    .forEach(o -> {
                        if (!List.of("k", "metric", "seed").contains(s.name())) {
                            assertTrue(o == s, s.name() + " is defined twice");
                        }
                    });
        }
        assertNotNull(step.table());
    }
}
