package spiky.config;

import java.util.Objects;

/**
 * One configuration key, defined once: its name, type and range, default and a line of
 * documentation. Reading, the documentation a procedure shows and the run's record all come from
 * here (see {@link SettingsTable}), so a key cannot mean different things in different places.
 *
 * @param defaultValue the value when the key is absent; null when the caller supplies it (the run's rank)
 * @param defaultText  the default as the documentation words it
 * @param doc          what the setting does, one sentence without the name, default or range
 */
public record Setting<T>(String name, SettingType<T> type, T defaultValue, String defaultText, String doc) {
    public Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultText, "defaultText");
        Objects.requireNonNull(doc, "doc");
        if (doc.contains(";")) {
            // The procedure descriptions separate the settings with "; ".
            throw new IllegalArgumentException("the doc of " + name + " must not contain ';': " + doc);
        }
    }

    /** A setting whose default is a value, documented as the type shows it. */
    public static <T> Setting<T> of(String name, SettingType<T> type, T defaultValue, String doc) {
        return new Setting<>(name, type, defaultValue, type.show(defaultValue), doc);
    }

    /** A setting whose default is described rather than shown ("the run's rank", "min(4, cores)"). */
    public static <T> Setting<T> described(String name, SettingType<T> type, T defaultValue, String defaultText, String doc) {
        return new Setting<>(name, type, defaultValue, defaultText, doc);
    }

    /** The value in the reader's map, or the default. */
    public T read(ConfigReader c) {
        if (type.boundedByRank()) {
            throw new IllegalStateException(name + " is bounded by the run's rank: read it with read(reader, rank)");
        }
        return read(c, 0);
    }

    /** The value in the reader's map, or the default; a range that ends at the run's rank ends at {@code rank}. */
    public T read(ConfigReader c, int rank) {
        if (!c.accepts(name)) {
            // A key that the reader does not accept is never in its map: reading it would silently give the default.
            throw new IllegalStateException(name + " is not among the keys of this reader");
        }
        T value = type.read(c, name, rank);
        return value != null ? value : defaultValue;
    }

    /** "name (default D, in R): doc", as the procedure descriptions list it. */
    public String render() {
        String range = type.range();
        String where = range.isEmpty() ? "" : ", " + (range.startsWith("[") || range.startsWith("(") ? "in " : "") + range;
        return name + " (default " + defaultText + where + "): " + doc;
    }
}
