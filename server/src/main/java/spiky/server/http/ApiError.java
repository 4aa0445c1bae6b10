package spiky.server.http;

/** The body of every error answer: an HTTP status, a short title, and what went wrong. */
public record ApiError(int status, String title, String detail) {}
