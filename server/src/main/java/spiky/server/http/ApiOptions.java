package spiky.server.http;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the HTTP API listens, which folder its import endpoint may read, how many bytes of
 * finished runs' reports it keeps (see ReportCache), and the bearer token that requests which
 * start, change or delete anything must carry (null: SPIKY_API_TOKEN, else one generated and kept
 * in the data directory's {@link #TOKEN_FILE}).
 *
 * @param browserOrigins the origins of the Neo4j Browser served beside the API, the only ones its
 *                       CORS answers (see BrowserCors); empty for none
 * @param guideDataset   the dataset the Browser guide (GET /guide/) works on
 */
public record ApiOptions(String host, int port, Path importDir, long reportCacheBytes, String token, List<String> browserOrigins,
        String guideDataset) {
    public static final long DEFAULT_REPORT_CACHE_BYTES = 128L << 20;
    public static final String TOKEN_FILE = "api-token";
    public static final String TOKEN_ENV = "SPIKY_API_TOKEN";
    public static final String DEFAULT_GUIDE_DATASET = "dcbm";

    public ApiOptions {
        browserOrigins = browserOrigins == null ? List.of() : List.copyOf(browserOrigins);
        guideDataset = guideDataset == null ? DEFAULT_GUIDE_DATASET : guideDataset;
    }

    public ApiOptions(String host, int port, Path importDir) {
        this(host, port, importDir, DEFAULT_REPORT_CACHE_BYTES, null, List.of(), DEFAULT_GUIDE_DATASET);
    }

    public ApiOptions withToken(String resolved) {
        return new ApiOptions(host, port, importDir, reportCacheBytes, resolved, browserOrigins, guideDataset);
    }

    /** The Browser on this port of Neo4j's HTTP connector, with its guide on this dataset (null: {@value #DEFAULT_GUIDE_DATASET}). */
    public ApiOptions withBrowser(int neo4jHttpPort, String dataset) {
        return new ApiOptions(host, port, importDir, reportCacheBytes, token, BrowserCors.forBrowserPort(neo4jHttpPort), dataset);
    }
}
