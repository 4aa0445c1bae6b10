package spiky.server;

import static spiky.server.ImportSamples.gzip;
import static spiky.server.ImportSamples.utf8;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The malformed-input corpus: for every reader, the ways a real file arrives broken, each with
 * what the user must be told. Built from {@link ImportSamples} by code; the 10 MB lines are made
 * only when a case is written, so the list itself stays small.
 */
final class BadImportFiles {
    /** Ten mebibytes: ten times the longest line the readers accept. */
    static final int TEN_MB = 10 << 20;
    static final String NOT_AN_ID = "is not an id (a whole number from 0 to 9223372036854775807)";

    /**
     * One import of broken (or surprising but valid) input.
     *
     * @param file     the file the message must name (null when the import succeeds)
     * @param expected the rest of the message after "{file}": literal text where "{n}" stands for
     *                 any number and "{*}" for anything; null when the import succeeds
     * @param counts   for an accepted import: items, contexts and interactions it must give
     */
    record Case(String name, ImportSamples input, String file, String expected, long[] counts) {
        boolean succeeds() {
            return expected == null;
        }

        /** The whole message, the file's path included, as a regular expression. */
        Pattern message(java.nio.file.Path dir) {
            StringBuilder regex = new StringBuilder(Pattern.quote(dir.resolve(file).toString()));
            for (String part : expected.split("(?=\\{[n*]\\})|(?<=\\{[n*]\\})")) {
                regex.append(switch (part) {
                    case "{n}" -> "\\d+";
                    case "{*}" -> ".*";
                    default -> Pattern.quote(part);
                });
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final List<Case> cases = new ArrayList<>();

    private BadImportFiles() {}

    static List<Case> failing() {
        return all().stream().filter(c -> !c.succeeds()).toList();
    }

    static List<Case> accepted() {
        return all().stream().filter(Case::succeeds).toList();
    }

    static List<Case> all() {
        BadImportFiles corpus = new BadImportFiles();
        corpus.csv();
        corpus.movieLens();
        corpus.lastfm();
        corpus.cornell();
        corpus.aotm();
        corpus.mpd();
        corpus.truth();
        return corpus.cases;
    }

    private void failsIn(String name, ImportSamples input, String file, String expected) {
        cases.add(new Case(input.label() + ": " + name, input, file, expected, null));
    }

    /** Breaks the sample's file under test. */
    private void fails(String name, ImportSamples sample, byte[] content, String expected) {
        failsIn(name, sample.with(sample.target(), content), sample.target(), expected);
    }

    private void fails(String name, ImportSamples sample, String content, String expected) {
        fails(name, sample, utf8(content), expected);
    }

    private void accepts(String name, ImportSamples sample, String content, long items, long contexts, long interactions) {
        ImportSamples input = sample.with(sample.target(), utf8(content));
        cases.add(new Case(input.label() + ": " + name, input, null, null, new long[] {items, contexts, interactions}));
    }

    /** The cases every file format shares: damage that does not depend on what the file holds. */
    private void common(ImportSamples sample, boolean lines) {
        byte[] valid = sample.files().get(sample.target());
        fails("empty file", sample, new byte[0], ": empty file");
        fails("only a byte order mark", sample, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                lines ? ": empty file" : "{*}");
        byte[] gzip = gzip(padded(sample, valid));
        fails("truncated gzip", sample, Arrays.copyOf(gzip, gzip.length * 2 / 3),
                lines ? ":{n}: truncated or corrupt gzip data" : ":{n}: truncated or corrupt gzip data (column {n}{*})");
        fails("gzip cut inside its header", sample, Arrays.copyOf(gzip, 6), ": truncated or corrupt gzip data");
        byte[] flipped = gzip.clone();
        flipped[flipped.length - 3] ^= 0x55;
        fails("gzip with a wrong length in its trailer", sample, flipped,
                lines ? ":{n}: truncated or corrupt gzip data" : ":{n}: truncated or corrupt gzip data (column {n}{*})");
        // A Latin-1 'é' (one byte 0xE9) where UTF-8 needs two: the classic wrong-encoding export.
        String text = new String(valid, StandardCharsets.UTF_8);
        int cut = text.indexOf('\n', text.indexOf('\n') + 1) + 1;
        String latin1 = lines ? text.substring(0, cut) + text.substring(cut).replaceFirst("\n", "\u00e9\n")
                : text.replaceFirst("\"(\\w)", "\"\u00e9$1");
        fails("non-UTF-8 bytes", sample, latin1.getBytes(StandardCharsets.ISO_8859_1),
                lines ? ":3: not valid UTF-8 text" : ":{n}: not valid UTF-8 text (column {n}{*})");
    }

    /** The valid content with many more data lines (its last one again), so that a gzip cut lands mid-file. */
    private static byte[] padded(ImportSamples sample, byte[] valid) {
        String text = new String(valid, StandardCharsets.UTF_8);
        if (!sample.format().equals("csv") && !sample.format().equals("movielens")
                && !sample.format().equals("lastfm-hetrec") && !sample.format().equals("cornell") || sample.items() != null) {
            return valid;
        }
        String last = text.substring(text.lastIndexOf('\n', text.length() - 2) + 1);
        return utf8(text + last.repeat(5_000));
    }

    /** Line {@code at} (1-based) made ten megabytes long, as bytes. */
    private static byte[] tenMegabyteLine(String text, int at, char filler) {
        String[] lines = text.split("\n", -1);
        StringBuilder before = new StringBuilder();
        for (int i = 0; i < at - 1; i++) {
            before.append(lines[i]).append('\n');
        }
        byte[] head = utf8(before + lines[at - 1]);
        byte[] tail = utf8(text.substring(before.length() + lines[at - 1].length()));
        byte[] out = new byte[head.length + TEN_MB + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        Arrays.fill(out, head.length, head.length + TEN_MB, (byte) filler);
        System.arraycopy(tail, 0, out, head.length + TEN_MB, tail.length);
        return out;
    }

    private void csv() {
        ImportSamples s = ImportSamples.csv();
        common(s, true);
        fails("semicolons instead of commas", s, "item;context\na;u\n",
                ":1: missing columns 'item', 'context' in header 'item;context' (expected columns item, context and optionally "
                        + "timestamp, weight, name, separated by commas or tabs)");
        fails("missing column in the header", s, "item,weight\na,1\n", ":1: missing column 'context' in header 'item,weight'{*}");
        fails("missing field in a row", s, "item,context,weight\na,u,1\nb,u\n", ":3: expected 3 comma-separated fields, found 2");
        fails("a 10 MB line", s, tenMegabyteLine(ImportSamples.CSV, 3, 'x'), ":3: line is longer than 1048576 characters");
        fails("header only", s, "item,context,weight\n", ":1: no interactions after the header");
        fails("duplicated header", s, "item,context\nitem,context\na,u\n", ":2: the header line appears again (were two files joined?)");
        fails("unclosed quote", s, "item,context,name\na,u,\"Alpha\nb,u,Beta\n", ":2: field 3 has no closing quote");
        fails("bad timestamp", s, "item,context,timestamp\na,u,100\nb,u,last tuesday\n",
                ":3: 'last tuesday' in column 'timestamp' is neither epoch seconds nor an ISO-8601 date-time");
        fails("timestamp beyond a long", s, "item,context,timestamp\na,u,99999999999999999999\n",
                ":2: '99999999999999999999' in column 'timestamp' is neither epoch seconds nor an ISO-8601 date-time");
        fails("bad weight", s, "item,context,weight\na,u,1\nb,u,NaN\n", ":3: 'NaN' in column 'weight' is not a number");
        fails("empty id", s, "item,context\na,u\n\"\",u\n", ":3: empty value in column 'item'");
        // CSV ids are text: a dataset whose ids are not all 64-bit integers keeps them all as strings.
        accepts("negative and beyond-long ids are text ids", s, "item,context\n-5,u\n99999999999999999999,u\n-5,v\n", 2, 2, 3);
        accepts("mixed line endings", s, "item,context\r\na,u\r\nb,u\nc,v\r\n\r\nd,v\re,v\n", 5, 2, 5);
    }

    private void movieLens() {
        ImportSamples u = ImportSamples.uData();
        common(u, true);
        fails("commas instead of tabs", u, "1,10,4,881250949\n", ":1: expected 4 tab-separated fields (user, movie, rating, timestamp), found 1");
        fails("missing column", u, "1\t10\t4\t881250949\n2\t10\t3\n", ":2: expected 4 tab-separated fields (user, movie, rating, timestamp), found 3");
        fails("a 10 MB line", u, tenMegabyteLine(ImportSamples.U_DATA, 2, '7'), ":2: line is longer than 1048576 characters");
        fails("only blank lines", u, "\n\n", ": no ratings, only blank lines");
        fails("negative id", u, "1\t10\t4\t881250949\n-2\t10\t3\t881250950\n", ":2: '-2' in column 'user' " + NOT_AN_ID);
        fails("id beyond a long", u, "1\t9223372036854775808\t4\t881250949\n", ":1: '9223372036854775808' in column 'movie' " + NOT_AN_ID);
        fails("bad timestamp", u, "1\t10\t4\t881250949\n2\t10\t3\t1998-03-04\n", ":2: '1998-03-04' in column 'timestamp' is not an integer");
        fails("timestamp beyond a long", u, "1\t10\t4\t99999999999999999999\n", ":1: '99999999999999999999' in column 'timestamp' is not an integer");
        fails("bad rating", u, "1\t10\tfour\t881250949\n", ":1: 'four' in column 'rating' is not a number");
        accepts("mixed line endings", u, "1\t10\t4\t1\r\n2\t10\t3\t2\n1\t20\t5\t3\r\n", 2, 2, 3);
        failsIn("u.item without a title", u.with("u.item", utf8("10|Toy Story (1995)\n20\n")), "u.item", ":2: expected 'movie id|title|...', found '20'");

        ImportSamples r = ImportSamples.ratingsCsv();
        common(r, true);
        fails("tabs instead of commas", r, "userId\tmovieId\trating\ttimestamp\n1\t10\t4\t1\n",
                ":1: expected the header 'userId,movieId,rating,timestamp', found 'userId\\tmovieId\\trating\\ttimestamp'");
        fails("missing column", r, "userId,movieId,rating\n1,10,4\n",
                ":1: expected the header 'userId,movieId,rating,timestamp', found 'userId,movieId,rating'");
        fails("a 10 MB line", r, tenMegabyteLine(ImportSamples.RATINGS, 3, '1'), ":3: line is longer than 1048576 characters");
        fails("header only", r, "userId,movieId,rating,timestamp\n", ":1: no ratings after the header");
        fails("duplicated header", r, ImportSamples.RATINGS + "userId,movieId,rating,timestamp\n1,30,2,5\n",
                ":5: the header line appears again (were two files joined?)");
        fails("bad rating", r, "userId,movieId,rating,timestamp\n1,10,4.0.1,5\n", ":2: '4.0.1' in column 'rating' is not a number");
        failsIn("movies.csv in Latin-1", r.with("movies.csv", "movieId,title,genres\n10,Caf\u00e9,Drama\n".getBytes(StandardCharsets.ISO_8859_1)),
                "movies.csv", ":2: not valid UTF-8 text");
        failsIn("movies.csv with a bad header", r.with("movies.csv", utf8("id;title\n")), "movies.csv",
                ":1: expected the header 'movieId,title,genres', found 'id;title'");
    }

    private void lastfm() {
        ImportSamples s = ImportSamples.lastfm();
        common(s, true);
        fails("commas instead of tabs", s, "userID,artistID,weight\n2,51,10\n",
                ":1: expected the header 'userID\\tartistID\\tweight', found 'userID,artistID,weight'");
        fails("missing column", s, "userID\tartistID\tweight\n2\t51\n", ":2: expected 3 tab-separated fields (userID, artistID, weight), found 2");
        fails("a 10 MB line", s, tenMegabyteLine(ImportSamples.USER_ARTISTS, 2, '5'), ":2: line is longer than 1048576 characters");
        fails("header only", s, "userID\tartistID\tweight\n", ":1: no interactions after the header");
        fails("duplicated header", s, "userID\tartistID\tweight\nuserID\tartistID\tweight\n2\t51\t1\n",
                ":2: the header line appears again (were two files joined?)");
        fails("negative id", s, "userID\tartistID\tweight\n2\t-51\t10\n", ":2: '-51' in column 'artistID' " + NOT_AN_ID);
        fails("id beyond a long", s, "userID\tartistID\tweight\n99999999999999999999\t51\t10\n",
                ":2: '99999999999999999999' in column 'userID' " + NOT_AN_ID);
        fails("bad weight", s, "userID\tartistID\tweight\n2\t51\t10 plays\n", ":2: '10 plays' in column 'weight' is not a number");
        fails("negative weight", s, "userID\tartistID\tweight\n2\t51\t-10\n",
                ":2: '-10' in column 'weight' is not a play count (a number of at least 0)");
        accepts("mixed line endings", s, "userID\tartistID\tweight\r\n2\t51\t1\n3\t51\t2\r\n3\t52\t3\n", 2, 2, 3);
        failsIn("artists.dat in Latin-1", s.with("artists.dat", ("id\tname\turl\tpictureURL\n51\tBj\u00f6rk\tu\tp\n")
                .getBytes(StandardCharsets.ISO_8859_1)), "artists.dat", ":2: not valid UTF-8 text");
    }

    private void cornell() {
        ImportSamples s = ImportSamples.cornell();
        common(s, true);
        String header = "0 1 2 3 4 5 \n1 1 1 1 1 1 \n";
        fails("commas instead of spaces", s, header + "0,1,2,3,4\n", ":3: '0,1,2,3,4' is not a song id (a whole number from 0 to 9223372036854775807)");
        fails("a 10 MB line", s, tenMegabyteLine(header + "0 1 2 3 4 \n", 3, '3'), ":3: line is longer than 1048576 characters");
        fails("header only", s, header, ": no playlists after the two header lines");
        fails("one header line only", s, "0 1 2 \n", ": no playlists after the two header lines");
        fails("bad playlist header", s, "song_id,title\n1 1 1\n0 1 2 3 4\n",
                ":1: expected header line 1 of 2 (whitespace-separated whole numbers, or a comment starting with '#'), found 'song_id,title'");
        fails("negative song id", s, header + "0 1 -2 3 4\n", ":3: '-2' is not a song id (a whole number from 0 to 9223372036854775807)");
        fails("song id beyond a long", s, header + "0 1 2 3 99999999999999999999\n",
                ":3: '99999999999999999999' is not a song id (a whole number from 0 to 9223372036854775807)");
        accepts("mixed line endings", s, "0 1 2 3 4 5 \r\n1 1 1 1 1 1 \n0 1 2 3 4 \r\n1 2 3 4 5 \n", 6, 2, 10);
        failsIn("song_hash.txt in Latin-1", s.with("song_hash.txt", "0\tJoga\tBj\u00f6rk\n".getBytes(StandardCharsets.ISO_8859_1)),
                "song_hash.txt", ":1: not valid UTF-8 text");
    }

    private void aotm() {
        ImportSamples s = ImportSamples.aotm();
        common(s, false);
        fails("one object per line instead of an array", s, "{\"mix_id\": 1, \"filtered_lists\": [[\"A\"]]}\n{\"mix_id\": 2}\n",
                ":1: expected an array of playlists, found an object (column 1)");
        fails("playlist without a mix_id", s, "[{\"mix_id\": 1, \"filtered_lists\": [[\"A\"]]},\n {\"filtered_lists\": [[\"B\"]]}]",
                ":2: playlist without a mix_id (at '/1')");
        fails("a 10 MB song id", s, "[{\"mix_id\": 1, \"filtered_lists\": [[\"" + "T".repeat(TEN_MB) + "\"]]}]",
                ":1: a string longer than 1048576 characters (column 36, at '/0/filtered_lists/0/0')");
        fails("only an empty array", s, "[]", ": no interactions in this file");
        fails("two top-level arrays", s, "[{\"mix_id\": 1, \"filtered_lists\": [[\"A\"]]}]\n[]",
                ":2: found an array after the end of the top-level value (column 1)");
        fails("trailing comma", s, "[{\"mix_id\": 1, \"filtered_lists\": [[\"A\"]]},\n]",
                ":2: invalid JSON: Unexpected character (']' (code 93)){*}(column 1, at '/1')");
        fails("cut in the middle", s, "[{\"mix_id\": 1, \"filtered_lists\": [[\"A\", \"B",
                ":1: invalid JSON: Unexpected end-of-input{*}(column {n}, at '/0/filtered_lists/0/1')");
        fails("song id as a number with a fraction", s, "[{\"mix_id\": 1, \"filtered_lists\": [[1.5]]}]",
                ":1: expected song id as a string or an integer, found a number (column 36, at '/0/filtered_lists/0/0')");
        fails("filtered_lists as a string", s, "[{\"mix_id\": 1,\n \"filtered_lists\": \"A B\"}]",
                ":2: expected filtered_lists as an array of arrays of song ids, found a string (column 20, at '/0/filtered_lists')");
        fails("unpaired surrogate escape in an id", s, "[{\"mix_id\": 1, \"filtered_lists\": [[\"\\ud800\"]]}]",
                ":1: song id holds an unpaired surrogate \\ud800, which is not a character (column 36, at '/0/filtered_lists/0/0')");
        // AoTM's timestamps are free text: one that does not parse leaves its playlist without a timestamp.
        accepts("unreadable timestamp is no timestamp", s,
                "[{\"mix_id\": 1, \"timestamp\": \"last tuesday\", \"filtered_lists\": [[\"A\", \"B\"]]}]", 2, 1, 2);
        // Opaque ids, like CSV's: kept as text when they are not all 64-bit integers.
        accepts("negative and beyond-long mix ids are text ids", s,
                "[{\"mix_id\": -1, \"filtered_lists\": [[\"A\"]]}, {\"mix_id\": 99999999999999999999, \"filtered_lists\": [[\"A\"]]}]", 1, 2, 2);
        accepts("mixed line endings", s, "[\r\n{\"mix_id\": 1,\n\"filtered_lists\": [[\"A\"],\r\n[\"B\"]]}\r]\n", 2, 1, 2);
    }

    private void mpd() {
        ImportSamples s = ImportSamples.mpd();
        common(s, false);
        fails("an array instead of the slice object", s, "[{\"pid\": 1, \"tracks\": []}]",
                ":1: expected an object with a 'playlists' array, found an array (column 1)");
        fails("no playlists", s, "{\"info\": {}}", ":1: no 'playlists' array in the top-level object (column 12)");
        fails("empty playlists", s, "{\"playlists\": []}", ": no interactions in this file");
        fails("track without a track_uri", s, "{\"playlists\": [{\"pid\": 1, \"tracks\": [\n{\"track_name\": \"x\"}]}]}",
                ":2: track without a track_uri (at '/playlists/0/tracks/0')");
        fails("a 10 MB track name", s, "{\"playlists\": [{\"pid\": 1, \"tracks\": [{\"track_uri\": \"u\", \"track_name\": \""
                + "n".repeat(TEN_MB) + "\"}]}]}",
                ":1: a string longer than 1048576 characters (column 71, at '/playlists/0/tracks/0/track_name')");
        fails("bad modified_at", s, "{\"playlists\": [{\"pid\": 1, \"modified_at\": \"2017-06-01\", \"tracks\": []}]}",
                ":1: expected modified_at as an integer, found a string (column 42, at '/playlists/0/modified_at')");
        fails("modified_at beyond a long", s, "{\"playlists\": [{\"pid\": 1, \"modified_at\": 99999999999999999999, \"tracks\": []}]}",
                ":1: modified_at '99999999999999999999' does not fit in 64 bits (column 42, at '/playlists/0/modified_at')");
        fails("unquoted key", s, "{\"playlists\": [{pid: 1}]}", ":1: invalid JSON: Unexpected character ('p' (code 112)){*}(column 17{*}");
        fails("missing closing brace", s, "{\"playlists\": [{\"pid\": 1, \"tracks\": [{\"track_uri\": \"u\"}]}]\n",
                ":2: invalid JSON: Unexpected end-of-input{*}");
        // A whole slice on one line is normal for JSON: ten megabytes of it (here, blanks) are fine.
        accepts("a valid 10 MB line", s, "{\"playlists\": [" + " ".repeat(TEN_MB)
                + "{\"pid\": 7, \"tracks\": [{\"track_uri\": \"u\"}]}]}", 1, 1, 1);
        accepts("mixed line endings", s, "{\r\n\"playlists\": [\n{\"pid\": 1,\r\"tracks\": [{\"track_uri\": \"u\"},\r\n{\"track_uri\": \"v\"}]}]}\n",
                2, 1, 2);
    }

    private void truth() {
        ImportSamples s = ImportSamples.truth();
        common(s, true);
        fails("semicolons", s, "item;community;theta\nx;0;1\n", ":1: missing columns 'item', 'community', 'theta'{*}");
        fails("missing theta column", s, "item,community\nx,0\n", ":1: missing column 'theta' in header 'item,community'{*}");
        fails("missing field", s, "item,community,theta\nx,0,1\ny,0\n", ":3: expected 3 comma-separated fields, found 2");
        fails("a 10 MB line", s, tenMegabyteLine(ImportSamples.TRUTH, 2, 'x'), ":2: line is longer than 1048576 characters");
        fails("header only", s, "item,community,theta\n", ":1: no items after the header");
        fails("duplicated header", s, "item,community,theta\nx,0,1\nitem,community,theta\n",
                ":3: the header line appears again (were two files joined?)");
        fails("community beyond an int", s, "item,community,theta\nx,0,1\ny,99999999999,1\n",
                ":3: '99999999999' in column 'community' is not a non-negative integer");
        fails("community beyond a long", s, "item,community,theta\nx,99999999999999999999,1\n",
                ":2: '99999999999999999999' in column 'community' is not an integer");
        fails("negative theta", s, "item,community,theta\nx,0,-1\n", ":2: '-1' in column 'theta' is not a positive number");
        fails("an item of the plays without truth", s, "item,community,theta\nx,0,1\ny,0,1\n",
                ": item 'z' of plays.csv has no community and theta here");
        accepts("mixed line endings", s, "item,community,theta\r\nx,0,1\ny,0,2\r\nz,1,1\r", 3, 2, 3);
    }
}
