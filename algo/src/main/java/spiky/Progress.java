package spiky;

/**
 * Where long work reports how far it is: a terminal bar, a log, the progress table that
 * {@code spiky.progress()} shows. Implementations must be cheap; callers report at most every
 * few thousand units of work.
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = (stage, done, total) -> {};

    /**
     * @param stage what is being done, e.g. "reading u.data" or "writing interactions"
     * @param done  units done so far
     * @param total units in all, or -1 when unknown
     */
    void report(String stage, long done, long total);
}
