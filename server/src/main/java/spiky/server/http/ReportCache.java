package spiky.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;

/**
 * Reports of finished runs, computed once. A finished run does not change, so a report is a
 * function of the request (path, query parameters, wanted media type) and of the run's recorded
 * state: the cache key holds every property of the run as JSON (a later spiky.spikes.write
 * changes its Spk table, hence the key), but not whether the run is its dataset's latest: no
 * report reads that, and a newer run finishing must not throw away every report of the older
 * ones. Nor does a newer run change an older one's reports: they read the PPMI set the run
 * embeds (its ppmiRun), which stays as long as the run. The run's record itself is read again only
 * when a run or dataset record changed. Runs still in progress are never cached. Concurrent
 * requests for a report being computed wait for that computation instead of starting their own.
 * Least recently used reports go first once the bodies pass {@code maxBytes}.
 */
final class ReportCache {
    private record Entry(byte[] body, String contentType) {}

    /** A run's record as read at one generation of run changes, and its JSON for the cache keys (without {@link #LATEST}). */
    private record KnownRun(long generation, RunRecord run, String json) {}

    /** The run record's flag that says whether it is its dataset's latest run; left out of the keys. */
    private static final String LATEST = "latest";

    private static final int MAX_KNOWN_RUNS = 10_000;

    private final Queries queries;
    private final ObjectMapper json;
    private final long maxBytes;
    private final LongSupplier runGeneration;
    private final Map<String, KnownRun> knownRuns = new ConcurrentHashMap<>();
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<String, CompletableFuture<Entry>> computing = new ConcurrentHashMap<>();
    private long bytes;
    private long hits;
    private long misses;

    ReportCache(Queries queries, ObjectMapper json, long maxBytes, LongSupplier runGeneration) {
        this.queries = queries;
        this.json = json;
        this.maxBytes = maxBytes;
        this.runGeneration = runGeneration;
    }

    /**
     * The run named by the request (400 / 404 as QueryParams.run), read again only when a run or
     * dataset record changed since it was last read: the generation is taken before the read, so
     * a change that commits during the read makes the next request read again.
     */
    private KnownRun run(Context ctx) throws JsonProcessingException {
        String id = ctx.pathParam("id");
        long generation = runGeneration.getAsLong();
        KnownRun known = knownRuns.get(id);
        if (known != null && known.generation() == generation) {
            return known;
        }
        RunRecord run = QueryParams.run(ctx, queries);
        Map<String, Object> keyed = new TreeMap<>(run.properties());
        keyed.remove(LATEST);
        known = new KnownRun(generation, run, json.writeValueAsString(keyed));
        if (knownRuns.size() >= MAX_KNOWN_RUNS) {
            knownRuns.clear();
        }
        knownRuns.put(id, known);
        return known;
    }

    /** The run's record itself (GET /api/runs/{id}), as last read: no query while no run or dataset changed. */
    Handler record() {
        return ctx -> {
            KnownRun before = knownRuns.get(ctx.pathParam("id"));
            KnownRun known = run(ctx);
            ctx.header("X-Spiky-Cache", known == before ? "hit" : "miss");
            ctx.json(known.run().properties());
        };
    }

    /** A route handler: looks the run up (400 / 404), then answers from the cache or computes. */
    Handler route(RunReport report) {
        return ctx -> {
            KnownRun known = run(ctx);
            RunRecord run = known.run();
            if (report instanceof RunReport.Streaming streaming && streaming.streams(ctx)) {
                ctx.header("X-Spiky-Cache", "bypass");
                streaming.stream(ctx, run);
                return;
            }
            boolean cacheable = run.finished();
            String key = cacheable ? key(ctx, known.json()) : null;
            Entry entry = key == null ? null : get(key);
            if (entry != null) {
                ctx.header("X-Spiky-Cache", "hit");
            } else if (key == null) {
                entry = render(report.report(ctx, run));
                ctx.header("X-Spiky-Cache", "bypass");
            } else {
                boolean[] computedHere = new boolean[1];
                entry = computeOnce(key, () -> {
                    computedHere[0] = true;
                    return render(report.report(ctx, run));
                });
                // "joined": another request was computing this report, and this one waited for it.
                ctx.header("X-Spiky-Cache", computedHere[0] ? "miss" : "joined");
            }
            ctx.contentType(entry.contentType()).result(entry.body());
        };
    }

    private interface Computation {
        Entry compute() throws Exception;
    }

    /**
     * Computes the report of {@code key} and caches it, or waits for the request already doing so
     * (64 clients asking for a report that a new run made stale would otherwise run its query 64
     * times at once). A failure reaches every waiting request, as the same request would fail alike.
     */
    private Entry computeOnce(String key, Computation computation) throws Exception {
        CompletableFuture<Entry> mine = new CompletableFuture<>();
        CompletableFuture<Entry> theirs = computing.putIfAbsent(key, mine);
        if (theirs != null) {
            try {
                return theirs.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        try {
            Entry entry = computation.compute();
            put(key, entry);
            mine.complete(entry);
            return entry;
        } catch (Exception | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            computing.remove(key, mine);
        }
    }

    private Entry render(Object body) throws JsonProcessingException {
        if (body instanceof RunReport.Csv csv) {
            return new Entry(csv.text().getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8");
        }
        return new Entry(json.writeValueAsBytes(body), "application/json");
    }

    private static String key(Context ctx, String runJson) {
        String accept = ctx.header("Accept");
        boolean csv = accept != null && accept.contains("text/csv");
        // Sorted, so that ?a=1&b=2 and ?b=2&a=1 share an entry.
        return ctx.path() + '?' + new TreeMap<>(ctx.queryParamMap()) + (csv ? " csv " : " json ") + runJson;
    }

    private synchronized Entry get(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            misses++;
        } else {
            hits++;
        }
        return e;
    }

    private synchronized void put(String key, Entry entry) {
        if (entry.body().length > maxBytes / 4) {
            return; // one huge CSV must not push out every other report
        }
        Entry old = entries.put(key, entry);
        bytes += entry.body().length - (old == null ? 0 : old.body().length);
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().body().length;
            eldest.remove();
        }
    }

    /** The cache's counters, for /api/health. */
    record Stats(long entries, long bytes, long hits, long misses) {}

    synchronized Stats stats() {
        return new Stats(entries.size(), bytes, hits, misses);
    }
}
