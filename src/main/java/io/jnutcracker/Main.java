package io.jnutcracker;

import io.jnutcracker.cli.ProxyCommand;
import picocli.CommandLine;

/** Entry point of {@code bin/jnutcracker}: parses nutcracker's flags and runs the proxy or a subcommand. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new ProxyCommand());
        cli.getCommandSpec().version(ProxyCommand.versionLine());
        System.exit(cli.execute(args));
    }
}
