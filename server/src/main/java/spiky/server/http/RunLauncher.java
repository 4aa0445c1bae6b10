package spiky.server.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.neo4j.graphdb.GraphDatabaseService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spiky.algo.pipeline.PipelineConfig;
import spiky.graph.DatasetNames;
import spiky.proc.Jobs;
import spiky.proc.PipelineRunner;

/**
 * POST /api/datasets/{name}/runs starts a pipeline run (the body is the config map of
 * spiky.pipeline) and answers 202 with the run's id at once; the run goes on in the background,
 * one at a time, visible in spiky.progress() and as Server-Sent Events on
 * GET /api/runs/{id}/events. Closing the server stops a running run (it is marked failed).
 */
final class RunLauncher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunLauncher.class);

    private final GraphDatabaseService db;
    private final Queries queries;
    private final Jobs jobs;
    private final RunEvents events = new RunEvents();
    /** One run at a time: a run takes all cores and much of the heap; later ones wait their turn. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "spiky-pipeline-runs");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closing;

    /** @param jobs the database's jobs (its SpikyService's), where a run started here is listed for spiky.progress() */
    RunLauncher(GraphDatabaseService db, Queries queries, Jobs jobs) {
        this.db = db;
        this.queries = queries;
        this.jobs = jobs;
    }

    /** The answer to POST /api/datasets/{name}/runs: the run's id, where to read it and its events. */
    record Started(String run, String dataset, String status, String self, String events) {}

    void post(Context ctx) {
        String dataset = DatasetNames.check(ctx.pathParam("name"));
        if (queries.rows("dataset.cypher", Map.of("name", dataset)).isEmpty()) {
            throw new NotFoundResponse("No dataset named '" + dataset + "'");
        }
        Map<String, Object> body = new LinkedHashMap<>(JsonBodies.object(ctx));
        // A run started over HTTP shares the machine with the API it is served by: unless told
        // otherwise it leaves one core to answer requests.
        body.putIfAbsent("concurrency", Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
        PipelineConfig config = PipelineConfig.from(body);
        String run = PipelineRunner.begin(db, dataset, config);
        events.open(run, new RunEvents.Event("queued", Map.of("run", run, "stage", "queued")));
        worker.submit(() -> execute(run, dataset, config));
        ctx.status(HttpStatus.ACCEPTED).header("Location", "/api/runs/" + run)
                .json(new Started(run, dataset, "running", "/api/runs/" + run, "/api/runs/" + run + "/events"));
    }

    private void execute(String run, String dataset, PipelineConfig config) {
        try (Jobs.Job job = jobs.start("POST /api/datasets/" + dataset + "/runs", run, null)) {
            PipelineRunner.Row row = PipelineRunner.complete(db, run, dataset, config, (stage, done, total) -> {
                job.report(stage, done, total);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("run", run);
                data.put("stage", stage);
                data.put("done", done);
                data.put("total", total);
                data.put("percent", total > 0 ? Math.min(100.0, 100.0 * done / total) : null);
                events.progress(run, data);
            }, () -> {
                if (closing) {
                    throw new IllegalStateException("the server is shutting down");
                }
                job.check();
            });
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("run", run);
            data.put("status", row.status());
            data.put("spk", row.spk());
            data.put("millis", row.millis());
            events.end(run, new RunEvents.Event("finished", data));
        } catch (RuntimeException | Error e) {
            LOG.warn("Run {} failed: {}", run, e.getMessage());
            events.end(run, new RunEvents.Event("failed", Map.of("run", run, "status", "failed",
                    "error", String.valueOf(e.getMessage()))));
        }
    }

    /** GET /api/runs/{id}/events: 404 for an unknown run; an ended run gets its outcome as one event. */
    void events(Context ctx) throws Exception {
        String id = QueryParams.run(ctx, queries).id();
        new SseHandler((SseClient client) -> {
            if (!events.subscribe(id, client)) {
                RunRecord recorded = QueryParams.run(client.ctx(), queries);
                String status = String.valueOf(recorded.status());
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("run", id);
                data.put("status", status);
                data.put("error", recorded.properties().get("error"));
                // A run another process (or spiky.pipeline in Cypher) is computing has no events here.
                client.sendEvent(status.equals("running") ? "running" : status.equals("finished") ? "finished" : "failed", data);
                client.close();
            }
        }).handle(ctx);
    }

    @Override
    public void close() {
        closing = true;
        worker.shutdown();
        try {
            if (!worker.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("A pipeline run did not stop within 60 s of shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
