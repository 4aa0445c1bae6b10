package spiky.server;

import java.io.PrintWriter;
import org.neo4j.graphdb.QueryExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import spiky.InvalidInputException;
import spiky.SpikyVersion;
import spiky.server.cli.Commands;

/** The spiky command line: serve, import, generate. */
@Command(name = "spiky", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Finds and explains the spikes of truncated-SVD item embeddings, inside Neo4j.")
public final class Main implements Runnable {
    /** Exit status for a user's mistake (bad file, bad option, locked data directory). */
    public static final int USER_ERROR = 2;

    public static void main(String[] args) {
        int status = run(args);
        if (status != 0 || !isServe(args)) {
            System.exit(status);
        }
    }

    private static boolean isServe(String[] args) {
        return args.length > 0 && args[0].equals("serve");
    }

    public static int run(String... args) {
        CommandLine line = Commands.register(new CommandLine(new Main()));
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String message = userMessage(e);
            if (message == null) {
                throw e;
            }
            PrintWriter err = cmd.getErr();
            err.println("spiky: " + message);
            err.flush();
            return USER_ERROR;
        });
        return line.execute(args);
    }

    /** The one-line message of a user's mistake anywhere in the cause chain, or null. */
    static String userMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidInputException) {
                return t.getMessage();
            }
        }
        if (e instanceof QueryExecutionException q) {
            return q.getMessage();
        }
        return null;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"spiky " + SpikyVersion.get()};
        }
    }
}
