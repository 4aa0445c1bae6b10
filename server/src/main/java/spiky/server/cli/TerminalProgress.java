package spiky.server.cli;

import java.io.PrintStream;
import java.util.Locale;
import spiky.Progress;

/**
 * A progress bar on the terminal (stderr). On a terminal it redraws one line; when stderr is
 * a file or a pipe it prints a plain line every few seconds instead, so logs stay readable.
 */
final class TerminalProgress implements Progress {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean interactive;
    private final long intervalNanos;
    private long lastPrint;
    private String lastStage = "";
    private boolean lineOpen;

    TerminalProgress(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
        this.intervalNanos = interactive ? 100_000_000L : 5_000_000_000L;
    }

    static TerminalProgress forStderr() {
        return new TerminalProgress(System.err, System.console() != null);
    }

    @Override
    public synchronized void report(String stage, long done, long total) {
        long now = System.nanoTime();
        boolean newStage = !stage.equals(lastStage);
        boolean finished = total > 0 && done >= total;
        if (!newStage && !finished && now - lastPrint < intervalNanos) {
            return;
        }
        if (newStage && lineOpen) {
            out.println();
            lineOpen = false;
        }
        lastStage = stage;
        lastPrint = now;
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
