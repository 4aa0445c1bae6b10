package spiky.server;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The commands a newcomer copies from the README: its first fenced code block, line by line. */
final class ReadmeCommands {
    private static final Pattern FENCE = Pattern.compile("(?m)^```[^\\n]*\\n(.*?)^```", Pattern.DOTALL);

    private ReadmeCommands() {}

    /**
     * The first command of the README's first code block: its first line that is neither blank
     * nor a comment, trimmed. Fails, saying why, when the README has no code block or it is empty.
     */
    static String firstCommand(String readme) {
        Matcher block = FENCE.matcher(readme);
        if (!block.find()) {
            throw new IllegalArgumentException("the README has no fenced code block");
        }
        for (String line : block.group(1).split("\\R")) {
            String command = line.strip();
            if (!command.isEmpty() && !command.startsWith("#")) {
                return command;
            }
        }
        throw new IllegalArgumentException("the README's first code block holds no command");
    }
}
