package spiky.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * GET /api/openapi.json: the API's OpenAPI 3.1 description, written by hand beside the routes
 * (resource openapi.json). A test checks that every route ApiServer registers is in it.
 */
final class OpenApi {
    static final String RESOURCE = "/openapi.json";

    private final byte[] document;

    private OpenApi(byte[] document) {
        this.document = document;
    }

    static OpenApi load() {
        try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the server jar");
            }
            return new OpenApi(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void get(Context ctx) {
        ctx.contentType("application/json").result(document);
    }

    String text() {
        return new String(document, StandardCharsets.UTF_8);
    }
}
