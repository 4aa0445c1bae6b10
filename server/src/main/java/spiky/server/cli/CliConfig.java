package spiky.server.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns -c key=value options into a config map: a value with commas becomes a list of numbers. */
final class CliConfig {
    private CliConfig() {}

    static Map<String, Object> parse(Map<String, String> options) {
        Map<String, Object> out = new LinkedHashMap<>();
        options.forEach((k, v) -> {
            if (v.contains(",")) {
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
