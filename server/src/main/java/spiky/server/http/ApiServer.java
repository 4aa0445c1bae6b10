package spiky.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spiky.InvalidInputException;
import spiky.Progress;

/** The spiky HTTP API (Javalin): routes, JSON, and errors as {status, title, detail}. */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Javalin app;

    private ApiServer(Javalin app) {
        this.app = app;
    }

    public static ApiServer start(GraphDatabaseAPI db, ApiOptions options, Progress progress) {
        Queries queries = new Queries(db);
        HealthRoutes health = new HealthRoutes(queries);
        DatasetRoutes datasets = new DatasetRoutes(queries);
        RunRoutes runs = new RunRoutes(queries);
        CommunityRoutes communities = new CommunityRoutes(queries);
        DegreeRoutes degrees = new DegreeRoutes(queries);
        ImportRoutes imports = new ImportRoutes(db, new ImportDirectory(options.importDir()), progress);
        ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = options.host();
            config.jetty.port = options.port();
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.routes.get("/api/health", health::get);
            config.routes.get("/api/datasets", datasets::list);
            config.routes.get("/api/datasets/{name}", datasets::get);
            config.routes.get("/api/datasets/{name}/runs", runs::listOfDataset);
            config.routes.get("/api/runs/{id}", runs::get);
            config.routes.get("/api/runs/{id}/communities", communities::list);
            config.routes.get("/api/runs/{id}/truth", communities::truth);
            config.routes.get("/api/runs/{id}/degrees", degrees::get);
            config.routes.get("/api/runs/{id}/baselines", new BaselineRoutes(queries)::get);
            config.routes.post("/api/datasets/{name}/import", imports::post);
            config.routes.exception(InvalidInputException.class, (e, ctx) -> error(ctx, 400, "Bad Request", e.getMessage()));
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
        return new ApiServer(app);
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

    @Override
    public void close() {
        app.stop();
    }
}
