package spiky.algo.ppmi;

import spiky.Progress;

/** Reports a stage's progress from the workers, one call at a time. */
final class StageReporter {
    private final Progress progress;
    private final String stage;
    private final long total;
    private long done;

    StageReporter(Progress progress, String stage, long total) {
        this.progress = progress == null ? Progress.NONE : progress;
        this.stage = stage;
        this.total = total;
        this.progress.report(stage, 0, total);
    }

    synchronized void add(long units) {
        done += units;
        progress.report(stage, done, total);
    }
}
