package spiky.server.http;

import io.javalin.http.Context;
import java.util.Map;

/** A report about one run: given the request and the run (cypher/run.cypher), the body to send. */
@FunctionalInterface
interface RunReport {
    /** @return a JSON-serialisable body, or a {@link Csv} */
    Object report(Context ctx, RunRecord run);

    /** A report sent as text/csv rather than JSON. */
    record Csv(String text) {}
}
