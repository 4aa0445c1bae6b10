package spiky.server.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Set;

/**
 * CORS for Neo4j Browser only: the Browser spiky serves fetches the guide (and may read the API)
 * from its own origin, http://localhost:PORT or http://127.0.0.1:PORT of Neo4j's HTTP connector.
 * Requests from that origin get {@code Access-Control-Allow-Origin} with it; its preflights (the
 * Browser sends Pragma and Cache-Control, and on localhost Sentry's sentry-trace and baggage) are
 * answered 204 with the methods and headers allowed. Any other origin gets no CORS header, so
 * other pages' scripts cannot read the API's answers.
 */
final class BrowserCors {
    static final String ALLOWED_METHODS = "GET, HEAD";
    static final String ALLOWED_HEADERS = "pragma, cache-control, sentry-trace, baggage, accept";

    private final Set<String> origins;

    BrowserCors(List<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    /** The origins of a Browser served on this HTTP port. */
    static List<String> forBrowserPort(int neo4jHttpPort) {
        return List.of("http://localhost:" + neo4jHttpPort, "http://127.0.0.1:" + neo4jHttpPort);
    }

    void apply(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || !origins.contains(origin)) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Vary", "Origin");
        if (ctx.method() == HandlerType.OPTIONS && ctx.header("Access-Control-Request-Method") != null) {
            ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
            ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            ctx.header("Access-Control-Max-Age", "600");
            ctx.status(HttpStatus.NO_CONTENT);
            ctx.skipRemainingHandlers();
        }
    }
}
