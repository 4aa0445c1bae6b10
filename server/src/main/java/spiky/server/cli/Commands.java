package spiky.server.cli;

import picocli.CommandLine;

/** The subcommands of the spiky command line. */
public final class Commands {
    private Commands() {}

    public static CommandLine register(CommandLine line) {
        return line.addSubcommand(new ServeCommand())
                .addSubcommand(new ImportCommand())
                .addSubcommand(new GenerateCommand())
                .addSubcommand(new PipelineCommand())
                .addSubcommand(new ExportCommand())
                .addSubcommand(new ImportRunCommand());
    }
}
