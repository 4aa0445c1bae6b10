package spiky.data;

/**
 * What is wrong with one line of a delimited file, without the file or the line number: the
 * caller knows them (the importer's line source, a Spark task's line index) and turns the problem
 * into {@code FILE:LINE: message} ({@code spiky.InvalidInputException.atLine}). Carries no stack
 * trace: it is thrown per bad line and only its message is ever shown.
 */
public final class LineProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LineProblem(String message) {
        super(message, null, false, false);
    }
}
