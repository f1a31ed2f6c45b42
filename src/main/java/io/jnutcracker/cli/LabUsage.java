package io.jnutcracker.cli;

/** {@code bin/jnutcracker-lab --help}: what the lab runs and checks, its flags and environment. */
final class LabUsage {
    private LabUsage() {
    }

    static String text(String sampleSize) {
        return """
                Usage: bin/jnutcracker-lab [--check-only|--once] [--as-written | --failover]
                       bin/jnutcracker-lab --stop
                       bin/jnutcracker-lab -h|--help
                (bin/jnutcracker lab takes the same flags; bin/jnutcracker-lab also installs redis-server.)

                Runs the seed write-up's two-data-centre deployment (docs/seed/, lesson 142) on loopback and checks
                it through the proxies, then stays up until Ctrl-C so you can try it with redis-cli.

                  detail01 = 127.0.99.11: redis masters 6401, 6402; HA replicas 6403 (of 6401), 6404 (of 6402);
                             read replicas 6405 (of 6401), 6406 (of 6402);
                             proxy: pool redis-master on :1111 (writes), pool redis-slave on :1112 (reads)
                  detail02 = 127.0.99.12: read replicas 6405 (of .11:6401), 6406 (of .11:6402);
                             proxy: pool redis-slave on :1112 (reads)

                The proxy configs are the seed's nutcracker.yml files with 192.168.99.x mapped to 127.0.99.x and
                each listen address on its own host's 127.0.99.x; hash, distribution and member names unchanged.
                Before the proxies start, `jnutcracker check` runs on both configs and its report is printed:
                all clear for the intended layout; for --as-written it must name exactly the two mis-paired members.
                The check writes k1 p1 product hello hello1 through 127.0.99.11:1111, reads
                hello k1 k2 p1 product hell1 hello1 through each data centre's :1112, then writes and reads
                two samples of %1$s keys the same way: sample:1 .. sample:%1$s, and random keys.

                Options:
                  --check-only, --once  set up, check, stop everything and exit:
                                        0 every checked line was right, 1 some were not, 2 could not set up
                  --as-written          the seed's read pools and replication exactly as the write-up has them:
                                        detail01 reads redis01 from .11:6403 (of 6401: right) but redis02 from
                                        .11:6405 (of 6401: wrong); detail02 reads redis01 from .11:6404 (of 6402:
                                        wrong) and redis02 from .12:6405 (of 6402: right). Each data centre then
                                        misses one master's share of the keys; the check passes when the misses
                                        are exactly that share and the write-up's transcript reappears.
                  --failover            three Sentinels and Sentinel-driven pools (jn_sentinels): kills redis01's
                                        master under traffic and prints what users saw, then restarts it as a
                                        replica (docs/LAB.md, "Failover")
                  --stop                stop the processes an earlier run left (by the pid files in lab/run/pids)
                  -h, --help            this text

                Environment:
                  JN_PROXY       proxy command (default: none, jnutcracker runs inside the lab's JVM). It gets
                                 nutcracker's flags: -c FILE -o LOG -s STATS_PORT -a 127.0.0.1. To compare with
                                 the original: JN_PROXY=/usr/sbin/nutcracker bin/jnutcracker-lab
                  JN_LAB_SAMPLE  size of each larger sample (default 1000)
                  REDIS_SERVER   the redis-server binary (default: redis-server on PATH)

                Runs in the checkout it is started from. Writes only under lab/run/: configs, logs, pid files,
                redis data.
                """.formatted(sampleSize);
    }
}
