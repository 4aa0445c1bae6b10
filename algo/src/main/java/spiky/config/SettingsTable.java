package spiky.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The settings of one step, in order, each with how to get its value back from the step's config
 * record {@code C}. From it come the keys a reader accepts (with the "did you mean" of an unknown
 * key), the documentation a procedure shows, and the parameters a run records.
 */
public final class SettingsTable<C> {
    /**
     * @param value    the setting's value in a config; null when the config does not keep it
     * @param recorded whether the run's record keeps it
     */
    private record Entry<C, T>(Setting<T> setting, Function<? super C, ? extends T> value, boolean recorded) {
        Object stored(C config) {
            T v = value.apply(config);
            return v == null ? null : setting.type().stored(v);
        }
    }

    private final List<Entry<C, ?>> entries;

    private SettingsTable(List<Entry<C, ?>> entries) {
        List<String> names = entries.stream().map(e -> e.setting().name()).toList();
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("a key appears twice in " + names);
        }
        this.entries = List.copyOf(entries);
    }

    public static <C> SettingsTable<C> empty() {
        return new SettingsTable<>(List.of());
    }

    /** This table and {@code setting}, recorded in the run as {@code value} gives it. */
    public <T> SettingsTable<C> with(Setting<T> setting, Function<? super C, ? extends T> value) {
        List<Entry<C, ?>> next = new ArrayList<>(entries);
        next.add(new Entry<>(setting, value, true));
        return new SettingsTable<>(next);
    }

    /** This table and {@code setting}, a key the step reads (its value is {@code value}) but does not record in the run. */
    public <T> SettingsTable<C> withUnrecorded(Setting<T> setting, Function<? super C, ? extends T> value) {
        List<Entry<C, ?>> next = new ArrayList<>(entries);
        next.add(new Entry<C, T>(setting, value, false));
        return new SettingsTable<>(next);
    }

    /** This table and {@code setting}, a key the step reads into no config record and does not record. */
    public <T> SettingsTable<C> withUnrecorded(Setting<T> setting) {
        return withUnrecorded(setting, null);
    }

    /** This table and every setting of {@code part}, whose config is the part of C that {@code get} gives. */
    public <P> SettingsTable<C> with(SettingsTable<P> part, Function<? super C, ? extends P> get) {
        List<Entry<C, ?>> next = new ArrayList<>(entries);
        for (Entry<P, ?> e : part.entries) {
            next.add(lift(e, get));
        }
        return new SettingsTable<>(next);
    }

    private static <C, P, T> Entry<C, T> lift(Entry<P, T> e, Function<? super C, ? extends P> get) {
        return new Entry<>(e.setting(), e.value() == null ? null : c -> e.value().apply(get.apply(c)), e.recorded());
    }

    public List<Setting<?>> settings() {
        return entries.stream().<Setting<?>>map(Entry::setting).toList();
    }

    public List<String> keys() {
        return entries.stream().map(e -> e.setting().name()).toList();
    }

    /** A reader of {@code map} that accepts exactly this table's keys. */
    public ConfigReader reader(Map<String, ?> map) {
        return new ConfigReader(map, keys());
    }

    /** Every setting as "name (default D, in R): doc", separated by "; ": the procedures' documentation of their keys. */
    public String render() {
        return entries.stream().map(e -> e.setting().render()).collect(Collectors.joining("; "));
    }

    /** The table in Markdown, one row per key (key, default, range, what): the README's settings tables. */
    public String markdown() {
        StringBuilder out = new StringBuilder("| key | default | range | what |\n| --- | --- | --- | --- |\n");
        for (Entry<C, ?> e : entries) {
            Setting<?> s = e.setting();
            String range = s.type() instanceof SettingType.Bools ? "true or false"
                    : s.type() instanceof SettingType.Text ? "a string" : s.type().range();
            out.append("| `").append(s.name()).append("` | ").append(s.defaultText()).append(" | ").append(range).append(" | ")
                    .append(s.doc().replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }

    /** The recorded parameters of {@code config} by key, in table order; a null value (an unset until) is left out. */
    public Map<String, Object> toMap(C config) {
        return values(config, true);
    }

    /** Every value that {@code config} keeps, recorded or not, in the run record's form (for the tests). */
    public Map<String, Object> values(C config) {
        return values(config, false);
    }

    private Map<String, Object> values(C config, boolean recordedOnly) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Entry<C, ?> e : entries) {
            if (e.value() != null && (e.recorded() || !recordedOnly)) {
                Object v = e.stored(config);
                if (v != null) {
                    m.put(e.setting().name(), v);
                }
            }
        }
        return m;
    }
}
