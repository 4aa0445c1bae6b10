package spiky.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spiky.config.ConfigReader;

/**
 * The cornell reader's options: which playlists it keeps.
 *
 * @param minSongs the least number of songs a kept playlist has (default 5)
 * @param countBy  how songs are counted: {@code distinct} (the distinct song ids of the line, the
 *                 default) or {@code split} (the paper's extraction: the parts of Python's
 *                 {@code line.split(' ')}, which counts repeated songs and the empty token after
 *                 the trailing space every line of train.txt ends with)
 */
public record CornellOptions(int minSongs, String countBy) {
    public static final String DISTINCT = "distinct";
    public static final String SPLIT = "split";
    public static final List<String> KEYS = List.of("minSongs", "countBy");
    public static final CornellOptions DEFAULTS = new CornellOptions(5, DISTINCT);

    /** Reads the options map (CLI {@code -o key=value}, HTTP {@code options}); unknown keys are refused with "did you mean". */
    public static CornellOptions parse(Map<String, ?> options) {
        ConfigReader config = new ConfigReader(options, KEYS);
        return new CornellOptions(config.intIn("minSongs", DEFAULTS.minSongs, 1, Integer.MAX_VALUE),
                config.oneOf("countBy", DEFAULTS.countBy, List.of(DISTINCT, SPLIT)));
    }

    /** Every option with its effective value, in a fixed order: what the dataset records. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("minSongs", minSongs);
        map.put("countBy", countBy);
        return map;
    }
}
