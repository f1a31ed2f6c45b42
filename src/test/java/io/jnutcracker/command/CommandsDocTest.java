package io.jnutcracker.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommandsDocTest {
    private static final Path DOC = Path.of("docs/commands.md");

    @Test
    void docsCommandsMdIsTheCommandTable() throws Exception {
        String expected = CommandsDoc.render();
        if (Boolean.getBoolean("jn.regenerate")) {
            Files.writeString(DOC, expected);
        }
        assertThat(Files.readString(DOC)).as("docs/commands.md is stale: regenerate it").isEqualTo(expected);
    }

    @Test
    void everyNutcrackerCommandIsListedOnce() {
        long nutcracker = java.util.Arrays.stream(Command.values()).filter(Command::inNutcracker).count();
        assertThat(nutcracker).isEqualTo(137); // REFERENCE 3.2: nutcracker 0.5.0's Redis commands
    }
}
