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

    /**
     * A report that, for some requests (a whole run's CSV), writes its answer straight to the
     * response as it reads it, so that a million rows are never held at once; such answers are
     * not cached (X-Spiky-Cache: bypass).
     */
    interface Streaming extends RunReport {
        /** Whether this request is answered by {@link #stream}. */
        boolean streams(Context ctx);

        /** Checks the request (before any byte is sent: a mistake is still a 400), then writes the answer to the response. */
        void stream(Context ctx, RunRecord run) throws java.io.IOException;
    }
}
