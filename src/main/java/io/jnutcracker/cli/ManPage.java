package io.jnutcracker.cli;

import io.jnutcracker.Version;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * jnutcracker(1), the man page of the Debian package, written in troff (man(7) macros) from picocli's
 * model of the command line ({@link ProxyCommand#commandLine()}): every option and subcommand with
 * its description, so the page cannot drift from the flags. The sections picocli has no model for
 * (signals, files, environment) are fixed text here. Written directly rather than through
 * picocli-codegen's AsciiDoc: the build has no AsciiDoc-to-troff converter offline.
 *
 * <p>Run by the {@code deb} Maven profile: {@code ManPage OUT} writes OUT, gzipped when it ends in
 * {@code .gz} (with no timestamp in the header, so the same model gives the same bytes).
 */
public final class ManPage {
    private ManPage() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(out);
             OutputStream body = out.toString().endsWith(".gz") ? new GZIPOutputStream(file) : file;
             Writer w = new java.io.OutputStreamWriter(body, StandardCharsets.UTF_8)) {
            w.write(render(ProxyCommand.commandLine()));
        }
    }

    /** The whole page. */
    static String render(CommandLine cli) {
        CommandSpec spec = cli.getCommandSpec();
        StringBuilder t = new StringBuilder();
        t.append(".TH JNUTCRACKER 1 \"\" \"jnutcracker ").append(escape(Version.JNUTCRACKER))
                .append("\" \"User Commands\"\n");
        t.append(".SH NAME\njnutcracker \\- drop-in replacement for nutcracker (twemproxy), the Redis proxy\n");
        t.append(".SH SYNOPSIS\n.B jnutcracker\n[\\fIOPTIONS\\fR]\n");
        for (CommandLine sub : cli.getSubcommands().values()) {
            t.append(".br\n.B jnutcracker ").append(sub.getCommandName()).append("\n[\\fIOPTIONS\\fR]");
            for (PositionalParamSpec p : sub.getCommandSpec().positionalParameters()) {
                t.append(" \\fI").append(escape(p.paramLabel())).append("\\fR...");
            }
            t.append('\n');
        }
        t.append(".SH DESCRIPTION\n").append(paragraph("""
                jnutcracker reads nutcracker's configuration file (nutcracker.yml) unchanged, takes \
                nutcracker 0.5.0's flags and places every key on the same server as nutcracker. Beyond \
                nutcracker it reloads its configuration on SIGHUP, stops gracefully on SIGTERM, answers \
                bad requests with a Redis error instead of closing the connection, and serves \
                latency and Prometheus metrics."""));
        t.append(".SH OPTIONS\n");
        options(t, spec);
        t.append(".SH COMMANDS\n");
        for (CommandLine sub : cli.getSubcommands().values()) {
            CommandSpec s = sub.getCommandSpec();
            t.append(".SS ").append(sub.getCommandName()).append('\n')
                    .append(paragraph(String.join(" ", s.usageMessage().description())));
            options(t, s);
            for (PositionalParamSpec p : s.positionalParameters()) {
                t.append(".TP\n.I ").append(escape(p.paramLabel())).append('\n')
                        .append(escape(String.join(" ", p.description()))).append('\n');
            }
        }
        t.append(FIXED);
        return t.toString();
    }

    private static void options(StringBuilder t, CommandSpec spec) {
        for (OptionSpec o : spec.options()) {
            t.append(".TP\n");
            String[] names = o.names();
            for (int i = 0; i < names.length; i++) {
                t.append(i == 0 ? ".BR " : " \", \" ").append(escape(names[i]));
            }
            if (o.arity().max() > 0) {
                t.append(" \" \" \\fI").append(escape(o.paramLabel())).append("\\fR");
            }
            t.append('\n').append(escape(String.join(" ", o.description()))).append('\n');
        }
    }

    private static String paragraph(String text) {
        return ".PP\n" + escape(text) + '\n';
    }

    /** troff text: backslashes and hyphens escaped, a line never starting with a control character. */
    static String escape(String text) {
        String s = text.replace("\\", "\\e").replace("-", "\\-");
        return s.startsWith(".") || s.startsWith("'") ? "\\&" + s : s;
    }

    private static final String FIXED = """
            .SH SIGNALS
            .TP
            .B SIGHUP
            reopen the log file (for logrotate) and reload the configuration; an invalid file changes nothing and counts a failed reload
            .TP
            .BR SIGTERM ", " SIGINT
            stop accepting, let requests in flight finish (\\-\\-shutdown\\-timeout), remove the pid file, exit 0
            .TP
            .BR SIGTTIN ", " SIGTTOU
            log level one up, one down
            .SH FILES
            .TP
            .I /etc/nutcracker/nutcracker.yml
            the configuration jnutcracker.service runs (the path Debian's nutcracker reads)
            .TP
            .I /etc/default/jnutcracker
            options of jnutcracker.service: DAEMON_OPTS, JN_JAVA_OPTS, JAVA
            .TP
            .I /var/log/jnutcracker/jnutcracker.log
            the service's log, rotated by /etc/logrotate.d/jnutcracker
            .TP
            .I /usr/share/doc/jnutcracker/monitoring
            a Grafana dashboard and Prometheus alert rules over the \\-\\-prometheus\\-port metrics
            .SH ENVIRONMENT
            .TP
            .B JAVA
            the java to run (default: java on PATH)
            .TP
            .B JN_JAVA_OPTS
            extra JVM flags, appended after the launcher's
            .TP
            .BR JN_JAR ", " JN_JSA
            the jar and the class\\-data sharing archive to run
            .SH SEE ALSO
            .BR nutcracker (8),
            .BR systemctl (1),
            .BR logrotate (8)
            """;
}
