package spiky.server.http;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Requests that start, change or delete anything (every method but GET, HEAD and OPTIONS) must
 * carry {@code Authorization: Bearer <token>}: none → 401, another token → 403. Reads stay open.
 */
final class BearerToken {
    private static final Set<HandlerType> READS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final byte[] token;

    BearerToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the API needs a token for its write endpoints");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    void check(Context ctx) {
        if (READS.contains(ctx.method())) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new UnauthorizedResponse(ctx.method() + " " + ctx.path() + " needs the header 'Authorization: Bearer <token>' "
                    + "(the token is SPIKY_API_TOKEN, or the file " + ApiOptions.TOKEN_FILE + " in the data directory)");
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        // Constant-time comparison: the time taken says nothing about how much of the token matched.
        if (!MessageDigest.isEqual(given, token)) {
            throw new ForbiddenResponse("The bearer token is not this server's");
        }
    }
}
