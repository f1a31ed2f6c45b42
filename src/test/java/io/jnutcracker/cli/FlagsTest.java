package io.jnutcracker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.jnutcracker.backend.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * nutcracker's flags: bad values are refused with nutcracker 0.5.0's messages (REFERENCE.md 4.1,
 * checked against /usr/sbin/nutcracker) and exit status 1; bundling and long forms work as with
 * getopt_long; {@code -h}, {@code -V} and {@code -D} print to stderr and exit 0.
 */
class FlagsTest {
    record Run(int exit, String err) {
    }

    static Run run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int exit = ProxyCommand.commandLine().execute(args);
            return new Run(exit, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-s 70000   | option -s value 70000 is not a valid port",
            "-s 0       | option -s value 0 is not a valid port",
            "-s abc     | option -s requires a number",
            "-s         | option -s requires a number",
            "-s -1      | option -s requires a number",
            "-v abc     | option -v requires a number",
            "-v         | option -v requires a number",
            "-i abc     | option -i requires a number",
            "-i -5      | option -i requires a number",
            "-m 100     | mbuf chunk size must be between 512 and 16777216 bytes",
            "-m 0       | option -m requires a non-zero number",
            "-m abc     | option -m requires a non-zero number",
            "-c         | option -c requires a file name",
            "-o         | option -o requires a file name",
            "-p         | option -p requires a file name",
            "-a         | option -a requires a string",
            "-x         | invalid option -- 'x'",
            "--bogus    | unrecognized option '--bogus'",
            "--prometheus-port 0 | option --prometheus-port value 0 is not a valid port",
            "--transport kqueue  | option --transport value kqueue is not one of epoll, io_uring, nio",
            "--transport EPOLL   | option --transport value EPOLL is not one of epoll, io_uring, nio",
            "--transport         | option --transport requires one of epoll, io_uring, nio",
            "--io-threads 0      | option --io-threads value 0 is not between 1 and 1024",
            "--io-threads x      | option --io-threads requires a number",
            "--io-threads        | option --io-threads requires a number",
    })
    void badValuesGetNutcrackersMessageTheUsageAndStatus1(String args, String message) {
        Run r = run(args.trim().split(" +"));
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err).startsWith("jnutcracker: " + message + "\n").contains("Usage: jnutcracker")
                .contains("-s, --stats-port=N");
    }

    @Test
    void bundledShortFlagsAndLongFormsAsGetopt(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("n.yml");
        Files.writeString(conf, "alpha:\n  listen: 127.0.0.1:22121\n  servers:\n   - 127.0.0.1:6379:1\n");
        for (String[] args : new String[][] {
                {"-tc", conf.toString()}, {"-tc" + conf}, {"-t", "--conf-file=" + conf}, {"-t", "--conf-file", conf.toString()},
                {"-v6", "-t", "-c", conf.toString()}, {"--verbose=11", "-t", "-c", conf.toString()},
                {"-v", "20", "-t", "-c", conf.toString()}, // clamped to 11, as nutcracker's log_init
                {"-dt", "-c", conf.toString()}, {"-i", "0", "-s", "65535", "-m", "512", "-tc", conf.toString()}}) {
            Run r = run(args);
            assertThat(r.exit).as(String.join(" ", args)).isZero();
            assertThat(r.err).isEqualTo("jnutcracker: configuration file '" + conf + "' syntax is ok\n");
        }
    }

    @Test
    void helpVersionAndDescribeGoToStderrWithExit0() throws Exception {
        Run v = run("-V");
        assertThat(v.exit).isZero();
        assertThat(v.err).matches("This is jnutcracker-\\S+ \\(nutcracker-0\\.5\\.0 compatible\\)\n"
                + "async event backend: (epoll|nio)\n\n");
        Run h = run("--help");
        assertThat(h.exit).isZero();
        assertThat(h.err).startsWith(v.err).contains("Usage: jnutcracker [-?hVdDt]").contains("--prometheus-port")
                .contains("[--transport name]").contains("--transport=S      : event loops: epoll, io_uring or nio");
        Run d = run("-D");
        assertThat(d.exit).isZero();
        assertThat(d.err).startsWith(v.err + "pool stats:\n  client_eof          \"# eof on client connections\"\n");
    }

    @Test
    void transportIsNamedAsTheFlagSpellsItAndDefaultsToTheBestOne(@TempDir Path dir) throws Exception {
        ProxyCommand c = new ProxyCommand();
        assertThat(Flags.of(c).transport()).isEqualTo(Transport.best());
        for (Transport t : Transport.values()) {
            c.transport = t.flagName();
            assertThat(Flags.of(c).transport()).isEqualTo(t);
        }
        assertThat(Transport.IO_URING.flagName()).isEqualTo("io_uring");
        // -t checks the configuration only: a transport this machine lacks is no reason to refuse it.
        Path conf = dir.resolve("n.yml");
        Files.writeString(conf, "alpha:\n  listen: 127.0.0.1:22121\n  servers:\n   - 127.0.0.1:6379:1\n");
        for (Transport t : Transport.values()) {
            Run r = run("--transport", t.flagName(), "-tc", conf.toString());
            assertThat(r.exit).as(t.flagName()).isZero();
        }
        assertThat(run("--transport=io_uring", "-tc", conf.toString()).exit).isZero();
    }

    @Test
    void ioThreadsDefaultToHalfTheCoresAndAtLeastOne() throws Exception {
        ProxyCommand c = new ProxyCommand();
        assertThat(Flags.of(c).ioThreads()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        c.ioThreads = "3";
        assertThat(Flags.of(c).ioThreads()).isEqualTo(3);
    }

    @Test
    void anUnavailableTransportIsAStartupErrorNamingNettysReason() {
        var cause = new UnsupportedOperationException("failed to create io_uring ring fd: Operation not permitted");
        assertThat(Flags.unavailable(Transport.IO_URING, cause)).isEqualTo("transport 'io_uring' (--transport) is not"
                + " available here: java.lang.UnsupportedOperationException: failed to create io_uring ring fd:"
                + " Operation not permitted");
        assertThat(Flags.unavailable(Transport.IO_URING, null)).isNull();
        assertThat(Transport.NIO.unavailabilityCause()).isNull(); // the JDK's own: always there
        // The real check on this machine: a cause exactly when Netty says the transport cannot load.
        assertThat(Transport.IO_URING.unavailabilityCause() == null)
                .isEqualTo(io.netty.channel.uring.IoUring.isAvailable());
    }

    @Test
    void invalidConfigurationExits1() throws Exception {
        Run r = run("-t", "-c", "/nonexistent/nutcracker.yml");
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err).contains("syntax is invalid");
    }

    @Test
    void atoiIsDigitsOnly() {
        assertThat(Flags.parse("0")).isZero();
        assertThat(Flags.parse("22222")).isEqualTo(22222);
        assertThat(Flags.parse("+1")).isEqualTo(-1);
        assertThat(Flags.parse(" 1")).isEqualTo(-1);
        assertThat(Flags.parse("")).isEqualTo(-1);
        assertThat(Flags.parse("99999999999999")).isEqualTo(Integer.MAX_VALUE);
    }
}
