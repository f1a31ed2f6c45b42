#!/usr/bin/env python3
"""Records what Debian's nutcracker 0.5.0 prints for stats, for jnutcracker's tests to compare with.

Writes into src/test/resources/stats/:
  nutcracker-0.5.0.yml        the configuration used (ports rewritten to fixed placeholders)
  nutcracker-0.5.0-stats.json one live stats dump (the bytes the stats port sent), after the
                              traffic below, with real redis-servers behind the proxy
  nutcracker-0.5.0-D.txt      the output of `nutcracker -D` (stderr), verbatim
  nutcracker-0.5.0-V.txt      the output of `nutcracker -V` (stderr), verbatim

Traffic (raw RESP over loopback):
  pool "alpha" (2 live servers): SET k1 v1, GET k1, MGET k1 k2 k3 k4 k5 k6 hello foo bar (split
    over both servers), then the client closes
  pool "beta" (1 live server, 1 dead one, auto_eject_hosts, server_failure_limit 1): GET k1 .. k9
    on separate connections, so at least one lands on the dead server and ejects it

Needs /usr/sbin/nutcracker (apt-get install nutcracker) and redis-server. Run from the repository
root: python3 tools/stats/record.py. Nothing here runs in CI: the fixtures are committed.
"""
import os
import socket
import subprocess
import sys
import tempfile
import time

OUT = os.path.join("src", "test", "resources", "stats")
MGET_KEYS = ("k1", "k2", "k3", "k4", "k5", "k6", "hello", "foo", "bar")
NUTCRACKER = os.environ.get("NUTCRACKER", "/usr/sbin/nutcracker")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, timeout=10.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"nothing listens on {port}")


def resp(*args):
    out = b"*%d\r\n" % len(args)
    for a in args:
        a = a.encode() if isinstance(a, str) else a
        out += b"$%d\r\n%s\r\n" % (len(a), a)
    return out


def exchange(port, requests, replies):
    """Sends the requests pipelined, reads until `replies` reply lines are complete, closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(b"".join(requests))
        data = b""
        # Good enough for the replies used here (+OK, $n, *n of bulk strings, -ERR): count CRLFs.
        while data.count(b"\r\n") < replies:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        return data


def read_stats(port):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return data
            data += chunk


def main():
    os.makedirs(OUT, exist_ok=True)
    work = tempfile.mkdtemp(prefix="ncrec-")
    r1, r2, dead = free_port(), free_port(), free_port()
    alpha, beta, stats = free_port(), free_port(), free_port()
    redis = [subprocess.Popen(["redis-server", "--port", str(p), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--logfile", ""], stdout=subprocess.DEVNULL,
                              cwd=work)  # not the repository root: it may hold a dump.rdb
             for p in (r1, r2)]
    nc = None
    try:
        for p in (r1, r2):
            wait_port(p)
        # Pools are written in the file in the opposite of nutcracker's sorted order (shorter name
        # first, then bytes), and servers too, so the dump shows the order nutcracker uses.
        template = """beta:
  listen: 127.0.0.1:{beta}
  redis: true
  auto_eject_hosts: true
  server_failure_limit: 1
  server_retry_timeout: 600000
  servers:
   - 127.0.0.1:{r1}:1 b1
   - 127.0.0.1:{dead}:1 bdead
alpha:
  listen: 127.0.0.1:{alpha}
  redis: true
  hash: fnv1a_64
  distribution: ketama
  servers:
   - 127.0.0.1:{r2}:1 a2
   - 127.0.0.1:{r1}:1 a1
"""
        conf = os.path.join(work, "nutcracker.yml")
        with open(conf, "w") as f:
            f.write(template.format(beta=beta, alpha=alpha, r1=r1, r2=r2, dead=dead))
        with open(os.path.join(OUT, "nutcracker-0.5.0.yml"), "w") as f:
            f.write(template.format(beta="BETA_PORT", alpha="ALPHA_PORT", r1="REDIS1_PORT",
                                    r2="REDIS2_PORT", dead="DEAD_PORT"))
        nc = subprocess.Popen([NUTCRACKER, "-c", conf, "-s", str(stats), "-a", "127.0.0.1", "-i", "100",
                               "-o", os.path.join(work, "nutcracker.log")])
        wait_port(alpha)
        exchange(alpha, [resp("SET", "k1", "v1"), resp("GET", "k1"), resp("MGET", *MGET_KEYS)],
                 1 + 2 + (1 + 2 + len(MGET_KEYS) - 1))
        for i in range(1, 10):
            exchange(beta, [resp("GET", "k%d" % i)], 1)
        time.sleep(1.0)  # several -i intervals: the dump shows every counter
        dump = read_stats(stats)
        with open(os.path.join(OUT, "nutcracker-0.5.0-stats.json"), "wb") as f:
            f.write(dump)
        for flag, name in (("-D", "D"), ("-V", "V")):
            out = subprocess.run([NUTCRACKER, flag], capture_output=True)
            with open(os.path.join(OUT, "nutcracker-0.5.0-%s.txt" % name), "wb") as f:
                f.write(out.stderr)
        print(dump.decode())
    finally:
        if nc is not None:
            nc.terminate()
            nc.wait()
        for r in redis:
            r.terminate()
            r.wait()


if __name__ == "__main__":
    sys.exit(main())
