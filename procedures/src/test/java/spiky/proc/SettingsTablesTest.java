package spiky.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import spiky.InvalidInputException;
import spiky.config.ConfigReader;
import spiky.config.Setting;
import spiky.config.SettingType;
import spiky.config.SettingsTable;

/**
 * Every key of every procedure's settings table (those of proc included: spiky.stability,
 * spiky.dcbm.fit, spiky.degrees, spiky.dcbm.generate's replace), read through the table's own
 * reader: absent it is its default, out of range it is refused naming the key and the range, and
 * a misspelling of it is refused with "Did you mean [key]?". (The algo module's StepSettingsTest
 * does the same through each step's parser.)
 */
class SettingsTablesTest {
    private static final int RANK = 64;

    static Stream<Arguments> settings() {
        return ConfigDocsTest.tables().entrySet().stream()
                .flatMap(e -> e.getValue().settings().stream().map(s -> Arguments.of(e.getKey(), e.getValue(), s)));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("settings")
    void defaultOutOfRangeAndMisspelling(String name, SettingsTable<?> table, Setting<?> setting) {
        ConfigReader empty = table.reader(Map.of());
        assertEquals(setting.defaultValue(), setting.read(empty, RANK), name + " " + setting.name());

        Object bad = setting.type().outOfRange(RANK);
        if (bad != null) {
            ConfigReader reader = table.reader(Map.of(setting.name(), bad));
            String message = assertThrows(InvalidInputException.class, () -> setting.read(reader, RANK)).getMessage();
            assertTrue(message.startsWith("Invalid value for `" + setting.name() + "`: "), message);
            String range = setting.type() instanceof SettingType.Choice<?> choice ? choice.names().toString()
                    : setting.type().range().replace("rank]", RANK + "]").replace("a list of integers, each in ", "");
            assertTrue(message.contains(range), "'" + range + "' in: " + message);
        }

        String typo = setting.name() + "x";
        String message = assertThrows(InvalidInputException.class, () -> table.reader(Map.of(typo, 1L))).getMessage();
        assertEquals("Unexpected configuration key: " + typo + " (Did you mean [" + setting.name() + "]?)", message);
    }
}
