package spiky.server.cli;

import picocli.CommandLine;

/** The subcommands of the spiky command line. */
public final class Commands {
    private Commands() {}

    public static CommandLine register(CommandLine line) {
        CommandLine generateFile = new CommandLine(new GenerateFileCommand());
        generateFile.getCommandSpec().usageMessage().footer(GenerateFileCommand.settingsHelp());
        return line.addSubcommand(new ServeCommand())
                .addSubcommand(new ImportCommand())
                .addSubcommand(new GenerateCommand())
                .addSubcommand(generateFile)
                .addSubcommand(new PipelineCommand())
                .addSubcommand(new ExportCommand())
                .addSubcommand(new ImportRunCommand());
    }
}
