package spiky;

import java.nio.file.Path;

/**
 * A user's mistake: a bad file, a bad line, a bad parameter. The one exception type for input
 * errors, so that the CLI prints it as one line, HTTP maps it to 400 and procedures raise it with
 * the same words. The message always names where the problem is. Its {@link Kind} says which
 * mistake: a bad value (HTTP 400), a name of nothing that exists (404), or a request the thing's
 * present state refuses (409), so that a caller that needs the difference asks the exception
 * rather than checking the state first.
 */
public final class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Which mistake. */
    public enum Kind {
        /** A bad value: a file, a line, a parameter. */
        INVALID,
        /** A name (run, dataset) of nothing that exists. */
        NOT_FOUND,
        /** Refused in the present state of what it names (a run still running), fine later. */
        CONFLICT
    }

    private final Kind kind;

    private InvalidInputException(String message, Throwable cause) {
        this(Kind.INVALID, message, cause);
    }

    private InvalidInputException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Parameter {@code name} names nothing that exists. */
    public static InvalidInputException notFound(String name, String problem) {
        return new InvalidInputException(Kind.NOT_FOUND, "Invalid value for `" + name + "`: " + problem, null);
    }

    /** What parameter {@code name} names refuses the request in its present state. */
    public static InvalidInputException conflict(String name, String problem) {
        return new InvalidInputException(Kind.CONFLICT, "Invalid value for `" + name + "`: " + problem, null);
    }

    /** The first InvalidInputException in the cause chain of {@code e} (a procedure's, raised through Cypher), or null. */
    public static InvalidInputException in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidInputException found) {
                return found;
            }
        }
        return null;
    }

    /** A problem on one line of an input file. */
    public static InvalidInputException atLine(Path file, long line, String problem) {
        return new InvalidInputException(file + ":" + line + ": " + problem, null);
    }

    /** A problem with a whole input file (empty, unreadable, not gzip, ...). */
    public static InvalidInputException inFile(Path file, String problem) {
        return new InvalidInputException(file + ": " + problem, null);
    }

    public static InvalidInputException inFile(Path file, String problem, Throwable cause) {
        return new InvalidInputException(file + ": " + problem, cause);
    }

    /** A problem with one named parameter (a config key, a CLI option, an HTTP parameter). */
    public static InvalidInputException parameter(String name, String problem) {
        return new InvalidInputException("Invalid value for `" + name + "`: " + problem, null);
    }

    /** Any other user mistake; the message must say what and where. */
    public static InvalidInputException of(String message) {
        return new InvalidInputException(message, null);
    }
}
