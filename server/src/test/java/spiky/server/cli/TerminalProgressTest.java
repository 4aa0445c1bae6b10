package spiky.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private List<String> lines() {
        String text = bytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    private TerminalProgress toFile(long intervalNanos) {
        return new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, intervalNanos);
    }

    @Test
    void aStageThatReportsItsEndManyTimesPrintsItsFinalLineOnceInAFile() {
        TerminalProgress progress = toFile(Long.MAX_VALUE);
        for (int i = 0; i < 14; i++) {
            progress.report("spike cover at f'=128", 50_001, 50_001);
        }
        assertEquals(List.of(TerminalProgress.render("spike cover at f'=128", 50_001, 50_001)), lines());
    }

    @Test
    void inAFileOnlyTheFirstAndTheFinalLineOfAQuickStageArePrinted() {
        TerminalProgress progress = toFile(Long.MAX_VALUE);
        for (int done = 0; done <= 1000; done += 10) {
            progress.report("PPMI", done, 1000);
        }
        assertEquals(List.of(TerminalProgress.render("PPMI", 0, 1000), TerminalProgress.render("PPMI", 1000, 1000)), lines());
    }

    @Test
    void stagesReportedInTurnKeepTheirOwnClockAndEachPrintsItsEndOnce() {
        TerminalProgress progress = toFile(Long.MAX_VALUE);
        for (int done = 0; done <= 100; done++) {
            progress.report("cover f'=16", done, 100);
            progress.report("cover f'=32", done, 100);
        }
        progress.report("cover f'=16", 100, 100);
        List<String> lines = lines();
        assertEquals(4, lines.size(), "first and final line of each stage: " + lines);
        assertEquals(1, lines.stream().filter(l -> l.equals(TerminalProgress.render("cover f'=16", 100, 100))).count());
    }

    @Test
    void aStageStartedAgainPrintsAgain() {
        TerminalProgress progress = toFile(Long.MAX_VALUE);
        progress.report("PPMI", 10, 10);
        progress.report("PPMI", 0, 10);
        progress.report("PPMI", 10, 10);
        assertEquals(3, lines().size(), lines().toString());
    }

    @Test
    void withoutARateLimitEveryChangeIsPrinted() {
        TerminalProgress progress = toFile(0);
        for (int done = 1; done <= 5; done++) {
            progress.report("SVD", done, 5);
        }
        progress.report("SVD", 5, 5);
        assertEquals(5, lines().size(), lines().toString());
        assertTrue(lines().get(4).contains("100%"));
    }
}
