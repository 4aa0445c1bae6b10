package spiky.server.http;

import java.nio.file.Path;

/**
 * Where the HTTP API listens, which folder its import endpoint may read, how many bytes of
 * finished runs' reports it keeps (see ReportCache), and the bearer token that requests which
 * start, change or delete anything must carry (null: SPIKY_API_TOKEN, else one generated and kept
 * in the data directory's {@link #TOKEN_FILE}).
 */
public record ApiOptions(String host, int port, Path importDir, long reportCacheBytes, String token) {
    public static final long DEFAULT_REPORT_CACHE_BYTES = 128L << 20;
    public static final String TOKEN_FILE = "api-token";
    public static final String TOKEN_ENV = "SPIKY_API_TOKEN";

    public ApiOptions(String host, int port, Path importDir) {
        this(host, port, importDir, DEFAULT_REPORT_CACHE_BYTES, null);
    }

    public ApiOptions withToken(String resolved) {
        return new ApiOptions(host, port, importDir, reportCacheBytes, resolved);
    }
}
