package spiky.server.http;

import java.nio.file.Path;

/** Where the HTTP API listens and which folder its import endpoint may read. */
public record ApiOptions(String host, int port, Path importDir) {}
