package spiky.server.http;

import java.nio.file.Path;

/**
 * Where the HTTP API listens, which folder its import endpoint may read, and how many bytes of
 * finished runs' reports it keeps (see ReportCache).
 */
public record ApiOptions(String host, int port, Path importDir, long reportCacheBytes) {
    public static final long DEFAULT_REPORT_CACHE_BYTES = 128L << 20;

    public ApiOptions(String host, int port, Path importDir) {
        this(host, port, importDir, DEFAULT_REPORT_CACHE_BYTES);
    }
}
