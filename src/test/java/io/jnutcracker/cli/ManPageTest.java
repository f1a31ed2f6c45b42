package io.jnutcracker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The man page carries every option and subcommand of picocli's model, as valid man(7) source. */
class ManPageTest {
    @Test
    void everyOptionAndSubcommandIsOnThePage() {
        CommandLine cli = ProxyCommand.commandLine();
        String page = ManPage.render(cli);
        assertThat(page).startsWith(".TH JNUTCRACKER 1 ").contains(".SH NAME\n", ".SH SYNOPSIS\n", ".SH OPTIONS\n",
                ".SH SIGNALS\n", ".SH FILES\n");
        for (CommandLine c : cli.getSubcommands().values()) {
            assertThat(page).contains(".SS " + c.getCommandName() + "\n");
            for (OptionSpec o : c.getCommandSpec().options()) {
                assertThat(o.description()).as(c.getCommandName() + " " + o.longestName()).isNotEmpty();
                assertThat(page).contains(ManPage.escape(o.longestName()));
            }
        }
        for (OptionSpec o : cli.getCommandSpec().options()) {
            assertThat(o.description()).as(o.longestName() + " has a description").isNotEmpty();
            assertThat(page).contains(".BR " + ManPage.escape(o.names()[0]))
                    .contains(ManPage.escape(o.description()[0]));
        }
        assertThat(page).contains(".BR \\-c \", \" \\-\\-conf\\-file \" \" \\fIS\\fR\n");
        // no text line starts with a control character unless it is a macro we wrote
        for (String line : page.split("\n")) {
            assertThat(line).as(line).matches("^(\\.(TH|SH|SS|TP|PP|B|BR|I|br)\\b.*|[^.'].*|)$");
        }
    }

    @Test
    void escapesTroff() {
        assertThat(ManPage.escape("--a\\b")).isEqualTo("\\-\\-a\\eb");
        assertThat(ManPage.escape(".x")).isEqualTo("\\&.x");
    }

    @Test
    void writesTheGzippedPage(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("man/jnutcracker.1.gz");
        ManPage.main(new String[] {out.toString()});
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(out))) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(ManPage.render(ProxyCommand.commandLine()));
        }
    }
}
