package spiky.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import spiky.InvalidInputException;

class FormatTest {
    @Test
    void parsesEveryCliName() {
        assertEquals(List.of("csv", "movielens", "lastfm-hetrec", "cornell", "aotm", "mpd"), Format.cliNames());
        for (Format format : Format.values()) {
            assertEquals(format, Format.parse(format.cliName()));
        }
    }

    @Test
    void givesEachFormatItsReader() {
        assertInstanceOf(CsvReader.class, Format.CSV.reader());
        assertInstanceOf(MovieLensReader.class, Format.MOVIELENS.reader());
        assertInstanceOf(LastfmHetrecReader.class, Format.LASTFM_HETREC.reader());
        assertInstanceOf(CornellReader.class, Format.CORNELL.reader());
        assertInstanceOf(AotmReader.class, Format.AOTM.reader());
        assertInstanceOf(MpdReader.class, Format.MPD.reader());
    }

    @Test
    void unknownNameIsAParameterError() {
        assertEquals("Invalid value for `format`: 'tsv' is not one of [csv, movielens, lastfm-hetrec, cornell, aotm, mpd]",
                assertThrows(InvalidInputException.class, () -> Format.parse("tsv")).getMessage());
        assertEquals("Invalid value for `format`: null is not one of [csv, movielens, lastfm-hetrec, cornell, aotm, mpd]",
                assertThrows(InvalidInputException.class, () -> Format.parse(null)).getMessage());
    }
}
