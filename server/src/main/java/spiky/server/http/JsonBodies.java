package spiky.server.http;

import io.javalin.http.Context;
import java.util.Map;
import spiky.InvalidInputException;

/** Request bodies: a JSON object or a clear 400. */
final class JsonBodies {
    private JsonBodies() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            return Map.of();
        }
        Object parsed = null;
        try {
            // Jackson's JsonParseException is checked, yet Javalin's mapper throws it undeclared.
            parsed = text.strip().equals("null") ? null : ctx.jsonMapper().fromJsonString(text, Object.class);
        } catch (Exception e) {
            throw InvalidInputException.parameter("body", "not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(parsed instanceof Map)) {
            throw InvalidInputException.parameter("body", "expected a JSON object");
        }
        return (Map<String, Object>) parsed;
    }
}
