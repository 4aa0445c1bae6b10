package spiky.proc;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.neo4j.logging.Log;
import spiky.Progress;
import spiky.algo.Termination;

/**
 * The long jobs running on one database (pipeline runs, imports), with where each one is, for
 * {@code CALL spiky.progress()}. One per database, owned by its SpikyService: Neo4j creates a new
 * procedure object per call, the extension's instance is shared between calls. Closing it (the
 * database shuts down) terminates the jobs still running: their {@link Job#check} throws.
 */
public final class Jobs {
    private final Map<Long, Job> running = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean closed;

    /** A row of {@code spiky.progress()}. */
    public record Status(long jobId, String procedure, String target, String stage, long done, long total, double percent,
            String startedAt, double seconds) {}

    /**
     * One job: a Progress that records the latest report and logs one line every few seconds, and
     * a Termination that stops it once its Jobs is closed.
     */
    public final class Job implements Progress, Termination, AutoCloseable {
        private final long id;
        private final String name;
        private final String target;
        private final Instant started = Instant.now();
        private final Log log;
        private volatile String stage = "starting";
        private volatile long done;
        private volatile long total = -1;
        private long lastLog;
        private volatile boolean terminated;

        private Job(long id, String name, String target, Log log) {
            this.id = id;
            this.name = name;
            this.target = target;
            this.log = log;
        }

        @Override
        public void report(String stage, long done, long total) {
            boolean newStage = !stage.equals(this.stage);
            this.stage = stage;
            this.done = done;
            this.total = total;
            long now = System.nanoTime();
            if (log != null && (newStage || now - lastLog > 5_000_000_000L)) {
                lastLog = now;
                log.info("%s %s: %s %d/%d", name, target, stage, done, total);
            }
        }

        /** Throws once the job was terminated (its database is shutting down). */
        @Override
        public void check() {
            if (terminated) {
                throw new IllegalStateException(name + " " + target + " was terminated: the database is shutting down");
            }
        }

        public Status status() {
            long t = total;
            return new Status(id, name, target, stage, done, t, t > 0 ? Math.min(100.0, 100.0 * done / t) : -1.0,
                    started.toString(), Duration.between(started, Instant.now()).toMillis() / 1000.0);
        }

        @Override
        public void close() {
            running.remove(id);
        }
    }

    /** Starts a job; on a closed Jobs (a database shutting down) the job starts terminated. */
    public Job start(String name, String target, Log log) {
        long id = ids.incrementAndGet();
        Job job = new Job(id, name, target, log);
        running.put(id, job);
        if (closed) {
            job.terminated = true;
        }
        return job;
    }

    public List<Status> running() {
        return running.values().stream().sorted(Comparator.comparingLong(j -> j.id)).map(Job::status).toList();
    }

    /** Terminates every running job (each stops at its next check) and every job started from now on. */
    public void close() {
        closed = true;
        running.values().forEach(j -> j.terminated = true);
    }
}
