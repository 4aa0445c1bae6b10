package spiky.importer;

/**
 * What an import did: rows read, what they became, and how fast.
 *
 * @param skipped    rows that the format's rules skip (e.g. playlists shorter than 5 songs)
 * @param duplicates rows that repeated an (item, context) pair and were collapsed into it
 * @param readerOptions the reader's options with their effective values (empty for a format that takes none)
 */
public record ImportSummary(String dataset, String format, long rowsRead, long interactions, long items, long contexts,
        long skipped, long duplicates, java.util.Map<String, Object> readerOptions, double readSeconds, double writeSeconds) {

    public double seconds() {
        return readSeconds + writeSeconds;
    }

    public double rowsPerSecond() {
        return seconds() > 0 ? rowsRead / seconds() : 0;
    }

    /** One line for the terminal and the logs. */
    public String describe() {
        String read = readerOptions.isEmpty() ? format : format + ", " + ReaderOptions.describe(readerOptions);
        return String.format(java.util.Locale.ROOT,
                "Imported '%s' (%s): %,d rows read -> %,d interactions, %,d items, %,d contexts; %,d rows skipped, %,d duplicates collapsed; %.1f s (read %.1f s, write %.1f s), %,.0f rows/s",
                dataset, read, rowsRead, interactions, items, contexts, skipped, duplicates, seconds(), readSeconds, writeSeconds, rowsPerSecond());
    }
}
