package spiky.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * One small valid input per reader, with the name files that sit beside it: the starting point
 * of the malformed corpus ({@link BadImportFiles}) and of the mutations
 * ({@link MutatedImportFilesTest}). Written by code, so no fixture files are checked in.
 */
record ImportSamples(String format, Map<String, byte[]> files, String items) {
    /** The file imported with --path: the first one. */
    String main() {
        return files.keySet().iterator().next();
    }

    /** Writes the files into {@code dir}, which is created. */
    void writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.write(dir.resolve(f.getKey()), f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy with one file's content replaced (or added). */
    ImportSamples with(String file, byte[] content) {
        Map<String, byte[]> copy = new LinkedHashMap<>(files);
        copy.put(file, content);
        return new ImportSamples(format, copy, items);
    }

    static final String CSV = "item,context,timestamp,weight,name\n"
            + "a,u1,100,1.5,Alpha\nb,u1,2010-01-01,2,\"Beta, the \"\"second\"\"\"\nc,u2,,,\na,u2,2010-01-01T00:00:05Z,1,Alpha\n";
    static final String U_DATA = "1\t10\t4\t881250949\n2\t10\t3\t881250950\n1\t20\t5\t881250951\n3\t30\t1\t881250952\n";
    static final String U_ITEM = "10|Toy Story (1995)|01-Jan-1995\n20|GoldenEye (1995)|01-Jan-1995\n30|Caf\u00e9 (1996)|x\n";
    static final String RATINGS = "userId,movieId,rating,timestamp\n1,10,4.0,964982703\n1,20,3.5,964981247\n2,10,5.0,964982224\n";
    static final String MOVIES = "movieId,title,genres\n10,Toy Story (1995),Animation\n20,\"American President, The (1995)\",Comedy\n";
    static final String USER_ARTISTS = "userID\tartistID\tweight\n2\t51\t13883\n2\t52\t11690\n3\t51\t228\n";
    static final String ARTISTS = "id\tname\turl\tpictureURL\n51\tDuran Duran\thttp://x/1\thttp://x/1.jpg\n52\t\"Weird Al\" Yankovic\thttp://x/2\thttp://x/2.jpg\n";
    static final String TRAIN = "0 1 2 3 4 5 6 7 \n2 2 3 3 2 1 1 1 \n0 1 2 3 4 \n2 3 4 5 6 7 \n5 6 \n0 1 2 3 4 \n";
    static final String SONG_HASH = "0\tGimme Shelter\tThe Rolling Stones\n1\tHelp!\tThe Beatles\n2\tJoga\tBj\u00f6rk\n";
    static final String AOTM = """
            [
              {"mix_id": 1, "timestamp": "2003-02-11 16:39:00",
               "playlist": [[["The Beatles", "Help!"], "TRA"], [["Nobody", "Unmatched"], null]],
               "filtered_lists": [["TRA", "TRB"], ["TRC"]]},
              {"mix_id": 2, "filtered_lists": [["TRB", "TRC"]], "playlist": []}
            ]
            """;
    static final String MPD = """
            {
              "info": {"slice": "0-999", "version": "v1"},
              "playlists": [
                {"pid": 0, "modified_at": 1493424000, "tracks": [
                  {"pos": 0, "artist_name": "Missy Elliott", "track_uri": "spotify:track:A", "track_name": "Lose Control"},
                  {"pos": 1, "artist_name": "Britney Spears", "track_uri": "spotify:track:B", "track_name": "Toxic"}]},
                {"pid": 1, "tracks": [{"track_uri": "spotify:track:B"}, {"track_uri": "spotify:track:C"}]}
              ]
            }
            """;
    static final String PLAYS = "item,context\nx,u1\ny,u1\nz,u2\n";
    static final String TRUTH = "item,community,theta,name\nx,0,1.5,Ex\ny,0,2,Why\nz,1,0.5,\n";

    static ImportSamples csv() {
        return of("csv", null, "plays.csv", CSV);
    }

    static ImportSamples uData() {
        return of("movielens", null, "u.data", U_DATA).with("u.item", U_ITEM.getBytes(StandardCharsets.ISO_8859_1));
    }

    static ImportSamples ratingsCsv() {
        return of("movielens", null, "ratings.csv", RATINGS, "movies.csv", MOVIES);
    }

    static ImportSamples lastfm() {
        return of("lastfm-hetrec", null, "user_artists.dat", USER_ARTISTS, "artists.dat", ARTISTS);
    }

    static ImportSamples cornell() {
        return of("cornell", null, "train.txt", TRAIN, "song_hash.txt", SONG_HASH);
    }

    static ImportSamples aotm() {
        return of("aotm", null, "aotm2011_playlists.json", AOTM);
    }

    static ImportSamples mpd() {
        return of("mpd", null, "mpd.slice.0-999.json", MPD);
    }

    /** A csv import with planted truth: the truth file is the one under test. */
    static ImportSamples truth() {
        return of("csv", "truth.csv", "plays.csv", PLAYS, "truth.csv", TRUTH);
    }

    static List<ImportSamples> all() {
        return List.of(csv(), uData(), ratingsCsv(), lastfm(), cornell(), aotm(), mpd(), truth());
    }

    /** The file a case breaks: the truth file for truth imports, else the interactions file. */
    String target() {
        return items != null ? items : main();
    }

    /** A short label: the format and the file under test. */
    String label() {
        return format + " " + target();
    }

    private static ImportSamples of(String format, String items, String... namesAndTexts) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            files.put(namesAndTexts[i], namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return new ImportSamples(format, files, items);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
