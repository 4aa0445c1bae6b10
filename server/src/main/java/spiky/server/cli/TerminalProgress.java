package spiky.server.cli;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import spiky.Progress;

/**
 * A progress bar on the terminal (stderr). On a terminal it redraws one line; when stderr is
 * a file or a pipe it prints a plain line at most every few seconds per stage instead, so logs
 * stay readable. Either way a stage's final line is printed once, however often (and from however
 * many threads) the stage reports its end, and stages reported in turn keep their own clocks.
 */
final class TerminalProgress implements Progress {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean interactive;
    private final long intervalNanos;
    /** Per stage: when its line was last printed, and whether its final line was. */
    private final Map<String, StageState> stages = new HashMap<>();
    private String lastStage = "";
    private boolean lineOpen;

    private static final class StageState {
        long lastPrint;
        boolean finished;
    }

    TerminalProgress(PrintStream out, boolean interactive) {
        this(out, interactive, interactive ? 100_000_000L : 5_000_000_000L);
    }

    TerminalProgress(PrintStream out, boolean interactive, long intervalNanos) {
        this.out = out;
        this.interactive = interactive;
        this.intervalNanos = intervalNanos;
    }

    static TerminalProgress forStderr() {
        return new TerminalProgress(System.err, System.console() != null);
    }

    @Override
    public synchronized void report(String stage, long done, long total) {
        long now = System.nanoTime();
        boolean finished = total > 0 && done >= total;
        StageState state = stages.get(stage);
        boolean firstReport = state == null;
        if (firstReport) {
            state = new StageState();
            stages.put(stage, state);
        } else if (state.finished && done == 0 && !finished) {
            state.finished = false; // the stage starts over (a second run in the same process)
        } else if (state.finished || (!finished && now - state.lastPrint < intervalNanos)) {
            return;
        }
        boolean newStage = !stage.equals(lastStage);
        if (newStage && lineOpen) {
            out.println();
            lineOpen = false;
        }
        lastStage = stage;
        state.lastPrint = now;
        state.finished = finished;
        String line = render(stage, done, total);
        if (interactive) {
            out.print("\r" + line);
            lineOpen = !finished;
            if (finished) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String render(String stage, long done, long total) {
        if (total <= 0) {
            return String.format(Locale.ROOT, "%-28s %,d", stage, done);
        }
        double fraction = Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        return String.format(Locale.ROOT, "%-28s [%s%s] %3.0f%% %,d/%,d", stage, "#".repeat(filled), " ".repeat(WIDTH - filled),
                100 * fraction, done, total);
    }

    /** Ends an open bar line before other output. */
    synchronized void finish() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
    }
}
