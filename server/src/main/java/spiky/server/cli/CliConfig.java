package spiky.server.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import spiky.config.SettingsTable;

/**
 * Turns -c key=value options into a config map: a value with commas becomes a list (of numbers
 * where they parse), and so does a single value of a key whose setting is a list
 * ({@code -c spkDims=16}); every other value stays a string, which the config reader parses.
 */
final class CliConfig {
    private CliConfig() {}

    static Map<String, Object> parse(Map<String, String> options, SettingsTable<?> settings) {
        Set<String> lists = settings.settings().stream().filter(s -> s.type().isList()).map(s -> s.name()).collect(Collectors.toSet());
        Map<String, Object> out = new LinkedHashMap<>();
        options.forEach((k, v) -> {
            if (v.contains(",") || lists.contains(k)) {
                List<Object> list = new ArrayList<>();
                for (String part : v.split(",")) {
                    String p = part.strip();
                    try {
                        list.add(Long.parseLong(p));
                    } catch (NumberFormatException e) {
                        list.add(p);
                    }
                }
                out.put(k, list);
            } else {
                out.put(k, v);
            }
        });
        return out;
    }
}
