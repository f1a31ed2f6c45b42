package io.jnutcracker;

import io.jnutcracker.cli.ProxyCommand;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point of {@code bin/jnutcracker}: parses nutcracker's flags and runs the proxy or a subcommand. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new ProxyCommand());
        cli.getCommandSpec().version(ProxyCommand.versionLine());
        // Subcommand output (check's report has arrows, config names may be UTF-8) is UTF-8 whatever
        // the locale: a C-locale JVM would otherwise print '?' for every non-ASCII character.
        cli.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        System.exit(cli.execute(args));
    }
}
