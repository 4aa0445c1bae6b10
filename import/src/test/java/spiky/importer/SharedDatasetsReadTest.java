package spiky.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import spiky.data.Interactions;

/**
 * Reads the real datasets kept beside the project (never committed: MovieLens forbids
 * redistribution) and checks the counts verified independently in their PROVENANCE.md files.
 * Skipped where the folder is absent; {@code -Dspiky.shared=<folder holding datasets/>} points
 * elsewhere.
 */
class SharedDatasetsReadTest {
    private static final Path DATASETS = sharedDatasets();

    @BeforeEach
    void requireDatasets() {
        Assumptions.assumeTrue(Files.isDirectory(DATASETS), "shared datasets not found at " + DATASETS + ": skipping");
    }

    /** {@code <spiky.shared>/datasets}, else the nearest {@code shared/datasets} in the working folder's ancestors. */
    private static Path sharedDatasets() {
        String property = System.getProperty("spiky.shared");
        if (property != null && !property.isBlank()) {
            return Path.of(property).resolve("datasets");
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("datasets");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return start.resolveSibling("shared").resolve("datasets");
    }

    private static long named(Interactions in) {
        return Arrays.stream(in.itemNames()).filter(Objects::nonNull).count();
    }

    @Test
    void movieLens100k() throws IOException {
        Interactions in = TestFiles.read(new MovieLensReader(), DATASETS.resolve("ml-100k/u.data"));
        assertEquals(100_000, in.size());
        assertEquals(0, in.duplicates());
        assertEquals(943, in.contextCount());
        assertEquals(1_682, in.itemCount());
        assertEquals(1_682, named(in));
        assertEquals("Toy Story (1995)", TestFiles.names(in).get("1"));
    }

    @Test
    void movieLensLatestSmall() throws IOException {
        Interactions in = TestFiles.read(new MovieLensReader(), DATASETS.resolve("ml-latest-small/ratings.csv"));
        assertEquals(100_836, in.size());
        assertEquals(610, in.contextCount());
        assertEquals(9_724, in.itemCount());
        assertEquals(9_724, named(in));
        assertEquals("Shawshank Redemption, The (1994)", TestFiles.names(in).get("318"));
    }

    @Test
    void lastfmHetrec() throws IOException {
        Interactions in = TestFiles.read(new LastfmHetrecReader(), DATASETS.resolve("hetrec2011-lastfm-2k/user_artists.dat"));
        assertEquals(92_834, in.size());
        assertEquals(1_892, in.contextCount());
        assertEquals(17_632, in.itemCount());
        assertEquals(17_632, named(in));
    }

    /**
     * Cornell's yes.com training playlists. PROVENANCE.md gives the playlist lines (41,480 and
     * 18,139), the distinct (playlist, song) pairs over all of them (171,227 and 174,803) and the
     * songs that occur (3,168 and 9,765): with minSongs=1 every playlist is kept and these come
     * back. With the default rule (5 distinct songs) and the paper's (5 parts of line.split(' ')),
     * kept + skipped is every line, and the paper's rule keeps more.
     */
    @Test
    void cornellYesSmall() throws IOException {
        cornell("yes_small", 41_480, 171_227, 3_168, 10_242, 12_972);
    }

    @Test
    void cornellYesBig() throws IOException {
        cornell("yes_big", 18_139, 174_803, 9_765, 7_643, 8_824);
    }

    private static void cornell(String folder, long lines, long pairs, long songs, long keptDistinct, long keptSplit) throws IOException {
        Path file = DATASETS.resolve("cornell-yes-playlists").resolve(folder).resolve("train.txt");
        Assumptions.assumeTrue(Files.isRegularFile(file), file + " not found: skipping");
        Interactions all = TestFiles.read(Format.CORNELL.reader(java.util.Map.of("minSongs", 1)), file);
        assertEquals(lines, all.contextCount());
        assertEquals(0, all.rowsSkipped());
        assertEquals(pairs, all.size());
        assertEquals(songs, all.itemCount());
        Interactions distinct = TestFiles.read(Format.CORNELL.reader(), file);
        assertEquals(keptDistinct, distinct.contextCount());
        assertEquals(lines, distinct.contextCount() + distinct.rowsSkipped());
        Interactions split = TestFiles.read(Format.CORNELL.reader(java.util.Map.of("countBy", "split")), file);
        assertEquals(keptSplit, split.contextCount());
        assertEquals(lines, split.contextCount() + split.rowsSkipped());
    }
}
