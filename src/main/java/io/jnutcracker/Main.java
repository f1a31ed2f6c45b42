package io.jnutcracker;

import io.jnutcracker.cli.ProxyCommand;

/** Entry point of {@code bin/jnutcracker}: parses nutcracker's flags and runs the proxy or a subcommand. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(ProxyCommand.execute(args));
    }
}
