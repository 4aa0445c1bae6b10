package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadmeCommandsTest {
    @Test
    void theFirstCommandSkipsBlankAndCommentLinesOfTheFirstBlockOnly() {
        String readme = "# title\n\ntext `inline`\n\n```bash\n\n# build and run\n  ./run --x  \nsecond\n```\n\n```\nother\n```\n";
        assertEquals("./run --x", ReadmeCommands.firstCommand(readme));
    }

    @Test
    void aReadmeWithoutACommandIsRefusedSayingWhy() {
        assertEquals("the README has no fenced code block",
                assertThrows(IllegalArgumentException.class, () -> ReadmeCommands.firstCommand("# t\nno code\n")).getMessage());
        assertEquals("the README's first code block holds no command",
                assertThrows(IllegalArgumentException.class, () -> ReadmeCommands.firstCommand("```\n# only\n\n```\n")).getMessage());
    }

    @Test
    void theProjectsReadmeStartsWithTheServeCommand() throws Exception {
        String readme = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("README.md"));
        assertEquals("./spiky serve", ReadmeCommands.firstCommand(readme));
    }
}
