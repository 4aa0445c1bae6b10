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

/**
 * The long jobs running in this JVM (pipeline runs, imports), with where each one is, for
 * {@code CALL spiky.progress()}. Static because Neo4j creates a new procedure object per call
 * and a plugin has no other place shared between calls without a kernel extension.
 */
public final class Jobs {
    private static final Map<Long, Job> RUNNING = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();

    private Jobs() {}

    /** A row of {@code spiky.progress()}. */
    public record Status(long jobId, String procedure, String target, String stage, long done, long total, double percent,
            String startedAt, double seconds) {}

    /** One job: a Progress that records the latest report and logs one line every few seconds. */
    public static final class Job implements Progress, AutoCloseable {
        private final long id;
        private final String name;
        private final String target;
        private final Instant started = Instant.now();
        private final Log log;
        private volatile String stage = "starting";
        private volatile long done;
        private volatile long total = -1;
        private long lastLog;

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

        public Status status() {
            long t = total;
            return new Status(id, name, target, stage, done, t, t > 0 ? Math.min(100.0, 100.0 * done / t) : -1.0,
                    started.toString(), Duration.between(started, Instant.now()).toMillis() / 1000.0);
        }

        @Override
        public void close() {
            RUNNING.remove(id);
        }
    }

    public static Job start(String name, String target, Log log) {
        long id = IDS.incrementAndGet();
        Job job = new Job(id, name, target, log);
        RUNNING.put(id, job);
        return job;
    }

    public static List<Status> running() {
        return RUNNING.values().stream().sorted(Comparator.comparingLong(j -> j.id)).map(Job::status).toList();
    }
}
