package spiky.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.function.LongSupplier;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.proc.SpikyService;

/** The spiky HTTP API (Javalin): routes, JSON, and errors as {status, title, detail}. */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Javalin app;
    private final RunLauncher launcher;

    private ApiServer(Javalin app, RunLauncher launcher) {
        this.app = app;
        this.launcher = launcher;
    }

    /**
     * @param runGeneration a counter that moves whenever a run or dataset record changes: while it
     *                      stays put, a run's record need not be read again (see ReportCache)
     */
    public static ApiServer start(GraphDatabaseAPI db, LongSupplier runGeneration, ApiOptions options, Progress progress) {
        Queries queries = new Queries(db);
        DatasetRoutes datasets = new DatasetRoutes(queries);
        RunRoutes runs = new RunRoutes(queries);
        CommunityRoutes communities = new CommunityRoutes(queries);
        DegreeRoutes degrees = new DegreeRoutes(queries);
        StabilityRoutes stability = new StabilityRoutes(queries);
        BaselineRoutes baselines = new BaselineRoutes(queries);
        PlotRoutes plots = new PlotRoutes(queries);
        SimilarRoutes similar = new SimilarRoutes(queries);
        ForecastRoutes forecast = new ForecastRoutes(queries);
        SweepRoutes sweep = new SweepRoutes(queries);
        RunLauncher launcher = new RunLauncher(db, queries, SpikyService.of(db).jobs());
        OpenApi openApi = OpenApi.load();
        ImportRoutes imports = new ImportRoutes(db, new ImportDirectory(options.importDir()), progress);
        ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        ReportCache reports = new ReportCache(queries, mapper, options.reportCacheBytes(), runGeneration);
        HealthRoutes health = new HealthRoutes(db, queries, reports);
        BearerToken writes = new BearerToken(options.token());
        BrowserCors cors = new BrowserCors(options.browserOrigins());
        GuideRoutes guide = new GuideRoutes(queries, SpikyService.of(db).cypherFiles(), options.guideDataset());
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = options.host();
            config.jetty.port = options.port();
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(mapper)));
            config.jsonMapper(new JavalinJackson(mapper, false));
            // The report page (/ = public/index.html) and ECharts from its WebJar (/webjars/echarts/...).
            // Javalin tries static files only after the routes, so unknown /api paths still get the JSON 404.
            config.staticFiles.add("/public", Location.CLASSPATH);
            config.staticFiles.enableWebjars();
            config.routes.before(cors::apply);
            config.routes.before("/api/*", writes::check);
            config.routes.get("/guide/", guide::get);
            config.routes.get("/api/health", health::get);
            config.routes.get("/api/openapi.json", openApi::get);
            config.routes.get("/api/datasets", datasets::list);
            config.routes.get("/api/datasets/{name}", datasets::get);
            config.routes.get("/api/datasets/{name}/runs", runs::listOfDataset);
            config.routes.post("/api/datasets/{name}/runs", launcher::post);
            config.routes.get("/api/runs/{id}", reports.record());
            config.routes.delete("/api/runs/{id}", runs::delete);
            config.routes.get("/api/runs/{id}/events", launcher::events);
            config.routes.get("/api/runs/{id}/communities", reports.route(communities::list));
            config.routes.get("/api/runs/{id}/communities/{spike}", reports.route(communities::members));
            config.routes.get("/api/runs/{id}/truth", reports.route(communities::truth));
            config.routes.get("/api/runs/{id}/degrees", reports.route(degrees));
            config.routes.get("/api/runs/{id}/stability", reports.route(stability::get));
            config.routes.get("/api/runs/{id}/baselines", reports.route(baselines::get));
            config.routes.get("/api/runs/{id}/points", reports.route(plots::points));
            config.routes.get("/api/runs/{id}/coverage", reports.route(plots::coverage));
            config.routes.get("/api/runs/{id}/sweep", reports.route(sweep::get));
            config.routes.get("/api/runs/{id}/items/{item}/similar", reports.route(similar::similar));
            config.routes.get("/api/runs/{id}/similar-discovery", reports.route(similar::discovery));
            config.routes.get("/api/runs/{id}/items/{item}", reports.route(forecast::item));
            config.routes.get("/api/runs/{id}/forecast", reports.route(forecast::forecast));
            config.routes.post("/api/datasets/{name}/import", imports::post);
            config.routes.exception(InvalidInputException.class, (e, ctx) -> {
                int status = switch (e.kind()) {
                    case NOT_FOUND -> 404;
                    case CONFLICT -> 409;
                    case INVALID -> 400;
                };
                error(ctx, status, title(status), e.getMessage());
            });
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), title(e.getStatus()), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "Internal Server Error", e.getClass().getSimpleName() + ": " + e.getMessage());
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    error(ctx, 404, "Not Found", "No route " + ctx.method() + " " + ctx.path());
                }
            });
        });
        app.start();
        LOG.info("spiky API listening on http://{}:{}/api/health", options.host(), app.port());
        return new ApiServer(app, launcher);
    }

    private static void error(Context ctx, int status, String title, String detail) {
        ctx.status(status).json(new ApiError(status, title, detail));
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            default -> "Error";
        };
    }

    public int port() {
        return app.port();
    }

    /** Every HTTP route as "METHOD /path", as Javalin registered it (for the OpenAPI check). */
    public List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(e -> e.endpoint.method.isHttpMethod())
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
                .toList();
    }

    @Override
    public void close() {
        // Stop taking requests first, then stop the background run (it fails at its next
        // termination check and cleans up after itself) before the database goes.
        try {
            app.stop();
        } finally {
            launcher.close();
        }
    }
}
