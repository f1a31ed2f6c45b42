package io.jnutcracker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The start path's parser ({@link FastFlags}) sets exactly what picocli sets on the lines it
 * accepts, and declines (null: picocli parses) every line it is not sure about.
 */
class FastFlagsTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "", "-c n.yml", "-tc n.yml", "-tcn.yml", "-t --conf-file=n.yml", "-t --conf-file n.yml", "-v6 -t -c n.yml",
            "--verbose=11 -t -c n.yml", "-v 20 -t -c n.yml", "-dt -c n.yml", "-i 0 -s 65535 -m 512 -tc n.yml",
            "-c n.yml -s 22223 -a 127.0.0.1 -o /tmp/x.log -p /tmp/x.pid -i 1000 -m 16384 -d",
            "-h", "-V", "-D", "-hV", "--help", "--version", "--describe-stats", "--test-conf", "--daemonize",
            "--verbose 7 --output o --stats-port 1 --stats-addr a --stats-interval 2 --pid-file p --mbuf-size 3",
            "--prometheus-port 9 --prometheus-addr a --shutdown-timeout 5 --watch", "--io-threads 2 -t", "--io-threads=1 -t", "--prometheus-port=9 -s abc",
            "-s 70000", "-m 100", "-c a=b"})
    void agreesWithPicocli(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        ProxyCommand fast = FastFlags.parse(args);
        assertThat(fast).as(line).isNotNull();
        ProxyCommand slow = new ProxyCommand();
        new CommandLine(slow).parseArgs(args);
        assertThat(fields(fast)).as(line).isEqualTo(fields(slow));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "-x", "--bogus", "-c", "-s", "-s -1", "-c -t", "-v 5 -v 6", "-t -t", "-c=n.yml", "--help=true",
            "route -c n.yml k", "-c n.yml check", "check", "lab", "-c route", "--", "-", "x", "@args", "-c @f",
            "--conf-file=", "-?", "--conf-file", "-tc"})
    void declinesWhatPicocliShouldJudge(String line) {
        assertThat(FastFlags.parse(line.split(" "))).as(line).isNull();
    }

    private static List<Object> fields(ProxyCommand c) {
        return List.of(c.help, c.version, c.testConf, c.daemonize, c.describeStats, c.watch, String.valueOf(c.verbosity),
                String.valueOf(c.output), String.valueOf(c.confFile), String.valueOf(c.statsPort),
                String.valueOf(c.statsAddr), String.valueOf(c.statsInterval), String.valueOf(c.pidFile),
                String.valueOf(c.mbufSize), String.valueOf(c.prometheusPort), String.valueOf(c.prometheusAddr),
                String.valueOf(c.shutdownTimeout));
    }
}
