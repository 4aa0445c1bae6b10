package spiky.importer;

/** One display form for songs across the playlist formats: "title — artist". */
final class SongNames {
    private SongNames() {}

    /** "title — artist", or the title alone without an artist; null without a title. */
    static String of(String title, String artist) {
        if (title == null || title.isBlank()) {
            return null;
        }
        if (artist == null || artist.isBlank()) {
            return title.strip();
        }
        return title.strip() + " — " + artist.strip();
    }
}
