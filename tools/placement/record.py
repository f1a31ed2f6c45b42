#!/usr/bin/env python3
"""Record key placement from the real nutcracker 0.5.0 as test fixtures for jnutcracker.

How to run (from the repository root; needs /usr/sbin/nutcracker and /usr/bin/redis-server):

    python3 tools/placement/record.py            # writes src/test/resources/placement/
    python3 tools/placement/record.py --out DIR  # somewhere else

What it does:
  * builds a fixed, seeded set of about 2000 keys (ASCII words, key1..keyN, long keys up to nutcracker's
    16335-byte limit, all 256 single bytes, random binary, UTF-8, the empty key, hash-tag shapes);
  * starts its own redis-servers on fixed loopback addresses (127.0.99.x) and one unix socket
    (/tmp/jn-fx-1.sock), so that unnamed servers get reproducible names;
  * for every configuration of the matrix (see build_configs) writes a one-pool nutcracker.yml, starts
    nutcracker on it, SETs every key through it, then asks every backend directly which one holds each key;
  * writes keys.hex (one key per line in hex, "-" for the empty key) and, per configuration,
    <id>.yml (the exact file nutcracker ran) and <id>.placement (line i = the name of the server, as
    nutcracker names it, that holds key i).

Network: only 127.0.0.0/8 addresses and unix sockets. Every process it starts is stopped on exit.
The output is deterministic: running it again rewrites identical files. Python standard library only.
"""

import argparse
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

NUTCRACKER = "/usr/sbin/nutcracker"
REDIS_SERVER = "/usr/bin/redis-server"

SEED = 20250601
# nutcracker refuses keys of mbuf_data_size() = 16384 - 48 bytes or more (REFERENCE.md section 3.1).
MAX_KEY_LEN = 16335

# nutcracker's listen address. It is written into every yml, so it is fixed.
LISTEN_HOST, LISTEN_PORT = "127.0.99.2", 22390
STATS_HOST = "127.0.99.2"

UNIX_SOCKET = "/tmp/jn-fx-1.sock"

HASHES = ["one_at_a_time", "md5", "crc16", "crc32", "crc32a", "fnv1_64", "fnv1a_64",
          "fnv1_32", "fnv1a_32", "hsieh", "murmur", "jenkins"]
DISTRIBUTIONS = ["ketama", "modula"]

# Backends: id -> ("tcp", host, port) or ("unix", path). Addresses are fixed because an unnamed
# server's name (host:port) is what ketama hashes. Host strings of different lengths exercise
# nutcracker's (length, bytes) server sort.
BACKENDS = {
    "a": ("tcp", "127.0.99.21", 7101),
    "b": ("tcp", "127.0.99.3", 7102),
    "c": ("tcp", "127.0.99.104", 7103),
    "d": ("tcp", "127.0.99.22", 17104),
    "e": ("tcp", "127.0.99.5", 7105),
    "p11211": ("tcp", "127.0.99.31", 11211),
    "unix": ("unix", UNIX_SOCKET),
    "redis01": ("tcp", "127.0.99.11", 6401),
    "redis02": ("tcp", "127.0.99.11", 6402),
}
GENERAL = ["a", "b", "c", "d", "e"]
# Node names for the "named" configs, listed in an order that nutcracker's sort changes.
NAMES = ["shard-10", "zz", "b", "aaa", "shard-9"]


class RecordError(Exception):
    """A failure that stops the recording."""


# --------------------------------------------------------------------------- keys

def generate_keys():
    """Return the fixed list of distinct keys (bytes), always the same for the same SEED."""
    rng = random.Random(SEED)
    keys = []
    keys += edge_keys()
    keys += [b"key%d" % i for i in range(1, 301)]
    keys += [b"%d" % i for i in range(0, 100)] + [b"-1", b"-42", b"3.14", b"1e10", b"007"]
    keys += word_keys(rng, 400)
    keys += structured_keys(rng, 200)
    keys += [bytes([i]) for i in range(256)]
    keys += binary_keys(rng, 250)
    keys += utf8_keys(rng, 120)
    keys += hash_tag_keys(rng)
    keys += long_keys(rng)
    keys = dedupe(keys)
    for k in keys:
        assert len(k) <= MAX_KEY_LEN
    return keys


def edge_keys():
    """Short keys with known hash values (REFERENCE.md test vectors) and the seed's examples."""
    return [b"", b"a", b"apple", b"foo", b"key1", b"hello world", b"\xe9", b"abc\xe9",
            b"\xff\xfe\x80", b"0123456789abcdef", b"k1", b"p1", b"product", b"k2", b"hello",
            b"hello1", b"hell1", b"bar", b"placeholder", b" ", b"  ", b"\r\n", b"\x00",
            b"\x00\x00\x00\x00", b"\x7f\x80", b"server1-8", b"redis01-0"]


def word_keys(rng, n):
    """Random lowercase/mixed-case ASCII words of 1..16 letters."""
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = []
    for _ in range(n):
        length = rng.randint(1, 16)
        alphabet = letters[:26] if rng.random() < 0.8 else letters
        out.append("".join(rng.choice(alphabet) for _ in range(length)).encode())
    return out


def structured_keys(rng, n):
    """Application-looking keys: user:123:profile, session/abc, product_9 ..."""
    prefixes = ["user", "session", "product", "cart", "order", "cache", "lock", "q"]
    seps = [":", "/", "_", ".", "-", "|"]
    out = []
    for _ in range(n):
        sep = rng.choice(seps)
        parts = [rng.choice(prefixes), str(rng.randint(0, 10 ** rng.randint(1, 9)))]
        if rng.random() < 0.5:
            parts.append(rng.choice(["profile", "name", "items", "ttl", "v2"]))
        out.append(sep.join(parts).encode())
    return out


def binary_keys(rng, n):
    """Random bytes, lengths 1..64 (every length mod 4 for hsieh and murmur tails), many >= 0x80."""
    out = []
    for i in range(n):
        length = 1 + i % 64
        if i % 3 == 0:
            out.append(bytes(rng.randint(0x80, 0xFF) for _ in range(length)))
        else:
            out.append(bytes(rng.randint(0, 0xFF) for _ in range(length)))
    return out


def utf8_keys(rng, n):
    """UTF-8 text: accented Latin, Greek, Cyrillic, CJK, emoji, mixed with ASCII."""
    pools = ["éèêëàâçôûüïœæ", "αβγδεζηθλμπσω", "абвгдежзийклмнопрсту", "中文字符键值测试数据",
             "日本語のキー", "한국어키", "😀🚀🔑🌍✓", "abc123"]
    out = []
    for _ in range(n):
        length = rng.randint(1, 12)
        text = "".join(rng.choice(rng.choice(pools)) for _ in range(length))
        out.append(text.encode("utf-8"))
    return out


def hash_tag_keys(rng):
    """Shapes that exercise hash_tag "{}" and "$$": tags, empty tags, unbalanced, repeated."""
    fixed = ["{user1}:a", "{user1}:b", "x{u1}y", "{u1}", "u1", "{}a", "{}", "a}b{", "$a$b", "{", "}",
             "$", "$$", "a$$b", "$$a", "a$", "$a$", "{{a}}", "{a}{b}", "{a}}", "{{a}", "a{b", "a{b}",
             "{a", "a}", "x{}y", "}{", "}a{b}", "$a", "a$b$c$", "{$a$}", "${a}$", "{a$b}c$", "{a}b$c$d"]
    out = [s.encode() for s in fixed]
    for i in range(30):
        for field in ["name", "cart", "x"]:
            out.append(b"{user%d}:%s" % (i, field.encode()))
            out.append(b"$user%d$:%s" % (i, field.encode()))
        out.append(b"pre{tag%d}post" % i)
        out.append(b"pre$tag%d$post" % i)
        out.append(b"{tag%d" % i)
        out.append(b"tag%d}" % i)
    for _ in range(40):
        tag = bytes(rng.randint(0x21, 0xFF) for _ in range(rng.randint(1, 6)))
        tag = tag.replace(b"}", b"").replace(b"$", b"") or b"t"
        out.append(b"k{" + tag + b"}v")
        out.append(b"k$" + tag + b"$v")
    return out


def long_keys(rng):
    """Long keys, up to the longest nutcracker accepts."""
    lengths = [100, 255, 256, 257, 1000, 1024, 2048, 3000, 4095, 4096, 4097, 8192, 12000, MAX_KEY_LEN]
    out = []
    for n in lengths:
        if n % 2:
            out.append(bytes(rng.randint(0, 0xFF) for _ in range(n)))
        else:
            out.append(("long%d-" % n).encode().ljust(n, b"x"))
    out.append(b"{taglong}" + b"y" * 3000)
    return out


def dedupe(keys):
    """Drop repeated keys, keeping the first occurrence."""
    seen, out = set(), []
    for k in keys:
        if k not in seen:
            seen.add(k)
            out.append(k)
    return out


def key_to_hex(key):
    """The keys.hex encoding: lowercase hex, or "-" for the empty key."""
    return key.hex() if key else "-"


# --------------------------------------------------------------------------- configs

def server_entry(backend_id, weight=1, name=None):
    """A servers: line as nutcracker reads it: host:port:weight [name] or /path:weight [name]."""
    kind = BACKENDS[backend_id]
    addr = "%s:%d" % (kind[1], kind[2]) if kind[0] == "tcp" else kind[1]
    entry = "%s:%d" % (addr, weight)
    return entry + (" " + name if name else "")


def nutcracker_name(entry):
    """The name nutcracker gives a servers: entry (REFERENCE.md section 1.3)."""
    if " " in entry:
        return entry.rsplit(" ", 1)[1]
    addr = entry.rsplit(":", 1)[0]
    if addr.startswith("/"):
        return addr + ":"
    host, port = addr.rsplit(":", 1)
    return host if port == "11211" else addr


def config(cid, hash_name, dist, entries, hash_tag=None, note=""):
    """One configuration of the matrix: a single pool."""
    return {"id": cid, "hash": hash_name, "distribution": dist, "servers": entries,
            "hash_tag": hash_tag, "note": note}


def build_configs():
    """The configuration matrix, in a fixed order."""
    configs = []
    for i, h in enumerate(HASHES):
        count = 3 + i % 3
        for dist in DISTRIBUTIONS:
            unnamed = [server_entry(b) for b in GENERAL[:count]]
            named = [server_entry(b, name=n) for b, n in zip(GENERAL[:count], NAMES[:count])]
            configs.append(config("%s-%s-unnamed" % (h, dist), h, dist, unnamed))
            configs.append(config("%s-%s-named" % (h, dist), h, dist, named))
    for dist in DISTRIBUTIONS:
        configs.append(config("weights-1-3-2-5-%s" % dist, "fnv1a_64", dist,
                              [server_entry(b, w) for b, w in zip(GENERAL, [1, 3, 2, 5])],
                              note="unequal weights"))
        configs.append(config("weights-100000-1-%s" % dist, "md5", dist,
                              [server_entry("a", 100000), server_entry("b", 1)],
                              note="extreme weights; with ketama the light server gets 0 points"))
        configs.append(config("weights-named-%s" % dist, "murmur", dist,
                              [server_entry(b, w, n) for b, w, n in zip(GENERAL, [7, 13, 100, 1, 3], NAMES)],
                              note="weights count even with node names"))
    configs += [
        config("hashtag-braces-ketama", "fnv1a_64", "ketama", [server_entry(b) for b in GENERAL[:4]], "{}"),
        config("hashtag-braces-modula", "crc32a", "modula", [server_entry(b) for b in GENERAL[:3]], "{}"),
        config("hashtag-dollars-ketama", "murmur", "ketama", [server_entry(b) for b in GENERAL[:3]], "$$"),
        config("hashtag-dollars-modula", "md5", "modula", [server_entry(b) for b in GENERAL[:5]], "$$"),
        config("unix-ketama", "md5", "ketama", [server_entry(b) for b in ["unix", "a", "b"]],
               note="unnamed unix socket: name is /path:"),
        config("unix-modula", "one_at_a_time", "modula", [server_entry(b) for b in ["a", "unix", "c", "b"]]),
        config("port11211-ketama", "hsieh", "ketama", [server_entry(b) for b in ["p11211", "a", "c"]],
               note="unnamed port 11211: name is the host alone"),
        config("port11211-modula", "jenkins", "modula", [server_entry(b) for b in ["c", "p11211", "d", "e"]]),
        config("utf8-names-ketama", "fnv1a_32", "ketama",
               [server_entry(b, name=n) for b, n in zip(GENERAL[:4], ["nœud-1", "серв2", "z", "é"])],
               note="UTF-8 node names: hashed and sorted as bytes"),
        config("utf8-names-modula", "crc16", "modula",
               [server_entry(b, name=n) for b, n in zip(GENERAL[:4], ["nœud-1", "серв2", "z", "é"])]),
        config("seed-master", "fnv1a_64", "ketama",
               [server_entry("redis01", name="redis01"), server_entry("redis02", name="redis02")],
               note="the seed's redis-master pool, 192.168.99.11 mapped to 127.0.99.11"),
    ]
    return configs


def backends_of(cfg):
    """Backend ids a configuration uses, in servers: order."""
    ids = []
    for entry in cfg["servers"]:
        addr = entry.split(" ")[0].rsplit(":", 1)[0]
        ids.append(next(b for b, k in BACKENDS.items()
                        if (k[0] == "tcp" and addr == "%s:%d" % (k[1], k[2])) or (k[0] == "unix" and addr == k[1])))
    return ids


def render_yml(cfg):
    """The exact nutcracker.yml text of a configuration (one pool named after its id)."""
    lines = ["# Generated by tools/placement/record.py; do not edit. %s" % cfg["note"],
             "%s:" % cfg["id"],
             "  listen: %s:%d" % (LISTEN_HOST, LISTEN_PORT),
             "  hash: %s" % cfg["hash"],
             "  distribution: %s" % cfg["distribution"]]
    if cfg["hash_tag"]:
        lines.append('  hash_tag: "%s"' % cfg["hash_tag"])
    lines += ["  redis: true", "  servers:"]
    lines += ["    - %s" % e for e in cfg["servers"]]
    return "\n".join(line.rstrip() for line in lines) + "\n"


# --------------------------------------------------------------------------- RESP

class RespConnection:
    """A minimal RESP2 client over a TCP or unix socket."""

    def __init__(self, address, timeout=10.0):
        if isinstance(address, str):
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        else:
            self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(address)
        self.buf = bytearray()

    def close(self):
        self.sock.close()

    @staticmethod
    def encode(args):
        """Encode one command as a RESP array of bulk strings."""
        out = [b"*%d\r\n" % len(args)]
        for a in args:
            a = a if isinstance(a, bytes) else str(a).encode()
            out += [b"$%d\r\n" % len(a), a, b"\r\n"]
        return b"".join(out)

    def send(self, commands):
        self.sock.sendall(b"".join(self.encode(c) for c in commands))

    def _fill(self):
        data = self.sock.recv(65536)
        if not data:
            raise ConnectionClosed()
        self.buf += data

    def _line(self):
        while True:
            i = self.buf.find(b"\r\n")
            if i >= 0:
                line = bytes(self.buf[:i])
                del self.buf[:i + 2]
                return line
            self._fill()

    def read_reply(self):
        """Read one reply: str for status, RespError, int, bytes or None, list."""
        line = self._line()
        kind, rest = line[:1], line[1:]
        if kind == b"+":
            return rest.decode()
        if kind == b"-":
            return RespError(rest.decode(errors="replace"))
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            if n < 0:
                return None
            while len(self.buf) < n + 2:
                self._fill()
            data = bytes(self.buf[:n])
            del self.buf[:n + 2]
            return data
        if kind == b"*":
            n = int(rest)
            return None if n < 0 else [self.read_reply() for _ in range(n)]
        raise RecordError("bad RESP line %r" % line)

    def call(self, *args):
        self.send([args])
        return self.read_reply()

    def pipeline(self, commands):
        self.send(commands)
        return [self.read_reply() for _ in commands]


class RespError(str):
    """An error reply."""


class ConnectionClosed(Exception):
    """The peer closed the connection."""


def address_of(backend_id):
    """The socket address of a backend: a path, or a (host, port) pair."""
    kind = BACKENDS[backend_id]
    return kind[1] if kind[0] == "unix" else (kind[1], kind[2])


# --------------------------------------------------------------------------- processes

class Processes:
    """The processes this script started; stop_all() ends each by its own pid."""

    def __init__(self):
        self.procs = []

    def start(self, argv, log_path):
        log = open(log_path, "ab")
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.procs.append(proc)
        return proc

    def stop(self, proc):
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc in self.procs:
            self.procs.remove(proc)

    def stop_all(self):
        for proc in list(self.procs):
            self.stop(proc)


def port_in_use(host, port):
    """True when something already listens on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(1)
        return s.connect_ex((host, port)) == 0


def free_port(host):
    """A free TCP port on host, chosen by the kernel."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def check_addresses_free():
    """Refuse to start when one of the fixed addresses is taken: it is not ours."""
    busy = ["%s:%d" % (k[1], k[2]) for k in BACKENDS.values() if k[0] == "tcp" and port_in_use(k[1], k[2])]
    if port_in_use(LISTEN_HOST, LISTEN_PORT):
        busy.append("%s:%d" % (LISTEN_HOST, LISTEN_PORT))
    if os.path.exists(UNIX_SOCKET):
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            probe.connect(UNIX_SOCKET)
            busy.append(UNIX_SOCKET)
        except ConnectionRefusedError:
            os.unlink(UNIX_SOCKET)  # a stale socket file left by an interrupted run of this script
        finally:
            probe.close()
    if busy:
        raise RecordError("addresses already in use (another run?): " + ", ".join(busy))


def wait_until(predicate, what, timeout=10.0, proc=None):
    """Poll predicate() until it is true; fail after timeout or when proc exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.05)
    raise RecordError("timed out waiting for " + what)


def start_redis(procs, backend_id, workdir):
    """Start one redis-server for a backend and wait until it answers PING."""
    kind = BACKENDS[backend_id]
    argv = [REDIS_SERVER, "--save", "", "--appendonly", "no", "--daemonize", "no",
            "--dir", workdir, "--logfile", ""]
    if kind[0] == "tcp":
        argv += ["--bind", kind[1], "--port", str(kind[2])]
    else:
        argv += ["--port", "0", "--unixsocket", kind[1], "--unixsocketperm", "700"]
    proc = procs.start(argv, os.path.join(workdir, "redis-%s.log" % backend_id))

    def ready():
        conn = RespConnection(address_of(backend_id), timeout=2)
        try:
            return conn.call("PING") == "PONG"
        finally:
            conn.close()

    if not wait_until(ready, "redis " + backend_id, proc=proc):
        raise RecordError("redis-server for %s exited; see %s" % (backend_id, workdir))
    return proc


# --------------------------------------------------------------------------- recording

def run_config(cfg, keys, procs, workdir):
    """Run nutcracker on one configuration; return (placement names, refused key indexes) or raise."""
    yml_path = os.path.join(workdir, cfg["id"] + ".yml")
    log_path = os.path.join(workdir, cfg["id"] + ".log")
    with open(yml_path, "w", encoding="utf-8") as f:
        f.write(render_yml(cfg))
    backend_ids = backends_of(cfg)
    flush_backends(BACKENDS)
    argv = [NUTCRACKER, "-c", yml_path, "-o", log_path, "-a", STATS_HOST, "-s", str(free_port(STATS_HOST))]
    proc = procs.start(argv, log_path + ".out")
    try:
        if not wait_until(lambda: port_in_use(LISTEN_HOST, LISTEN_PORT), "nutcracker " + cfg["id"], proc=proc):
            raise RecordError("nutcracker rejected %s (exit %s): %s" % (cfg["id"], proc.returncode, tail(log_path)))
        refused = write_keys(keys)
        if proc.poll() is not None:
            raise RecordError("nutcracker died during %s: %s" % (cfg["id"], tail(log_path)))
    finally:
        procs.stop(proc)
    names = {b: nutcracker_name(e) for b, e in zip(backend_ids, cfg["servers"])}
    placement = locate_keys(keys, refused, backend_ids, names)
    return placement, refused


def flush_backends(backend_ids):
    """FLUSHALL every backend directly."""
    for b in backend_ids:
        conn = RespConnection(address_of(b))
        try:
            reply = conn.call("FLUSHALL")
            if reply != "OK":
                raise RecordError("FLUSHALL on %s: %r" % (b, reply))
        finally:
            conn.close()


def value_of(index):
    """The unique value stored under key number index."""
    return b"v%d" % index


def write_keys(keys, chunk=100):
    """SET every key through nutcracker, pipelined in chunks; return the indexes of refused keys.

    A chunk whose connection is closed is replayed one key at a time: the key on which nutcracker
    closes the connection again is refused (SET is idempotent, so replaying is harmless).
    """
    refused = []
    conn = RespConnection((LISTEN_HOST, LISTEN_PORT))
    try:
        for start in range(0, len(keys), chunk):
            indexes = range(start, min(start + chunk, len(keys)))
            try:
                replies = conn.pipeline([("SET", keys[i], value_of(i)) for i in indexes])
                check_ok(replies, indexes, keys)
            except (ConnectionClosed, ConnectionResetError, BrokenPipeError):
                conn.close()
                conn = RespConnection((LISTEN_HOST, LISTEN_PORT))
                for i in indexes:
                    try:
                        check_ok([conn.call("SET", keys[i], value_of(i))], [i], keys)
                    except (ConnectionClosed, ConnectionResetError, BrokenPipeError):
                        refused.append(i)
                        conn.close()
                        conn = RespConnection((LISTEN_HOST, LISTEN_PORT))
    finally:
        conn.close()
    return refused


def check_ok(replies, indexes, keys):
    """Every SET must have answered +OK."""
    for i, reply in zip(indexes, replies):
        if reply != "OK":
            raise RecordError("SET of key %d (%s) answered %r" % (i, key_to_hex(keys[i])[:60], reply))


def locate_keys(keys, refused, backend_ids, names, chunk=500):
    """Ask every backend for every key; return the list of server names (None for refused keys)."""
    holders = [[] for _ in keys]
    total_stored = 0
    for b in backend_ids:
        conn = RespConnection(address_of(b))
        try:
            for start in range(0, len(keys), chunk):
                indexes = range(start, min(start + chunk, len(keys)))
                for i, value in zip(indexes, conn.pipeline([("GET", keys[i]) for i in indexes])):
                    if value is None:
                        continue
                    if value != value_of(i):
                        raise RecordError("key %d on %s holds %r, expected %r" % (i, b, value, value_of(i)))
                    holders[i].append(b)
            total_stored += conn.call("DBSIZE")
        finally:
            conn.close()
    refused = set(refused)
    placement = []
    for i, held in enumerate(holders):
        if i in refused:
            if held:
                raise RecordError("refused key %d was stored on %s" % (i, held))
            placement.append(None)
        elif len(held) != 1:
            raise RecordError("key %d (%s) is on %d backends: %s" % (i, key_to_hex(keys[i])[:60], len(held), held))
        else:
            placement.append(names[held[0]])
    expected = len(keys) - len(refused)
    if total_stored != expected:
        raise RecordError("backends hold %d keys, expected %d" % (total_stored, expected))
    return placement


def tail(path, lines=5):
    """The last lines of a log file, for error messages."""
    try:
        with open(path, errors="replace") as f:
            return " | ".join(f.read().splitlines()[-lines:])
    except OSError:
        return "(no log)"


# --------------------------------------------------------------------------- output

def write_fixtures(out_dir, keys, results, render=None):
    """Write keys.hex, <id>.yml and <id>.placement; remove fixtures of configurations no longer recorded.
    render: how a configuration's yml is written (default render_yml, the Redis form)."""
    render = render or render_yml
    os.makedirs(out_dir, exist_ok=True)
    wanted = {"keys.hex"}
    write_text(os.path.join(out_dir, "keys.hex"), "".join(key_to_hex(k) + "\n" for k in keys))
    for cfg, placement in results:
        wanted |= {cfg["id"] + ".yml", cfg["id"] + ".placement"}
        write_text(os.path.join(out_dir, cfg["id"] + ".yml"), render(cfg))
        write_text(os.path.join(out_dir, cfg["id"] + ".placement"), "".join(n + "\n" for n in placement))
    for name in os.listdir(out_dir):
        if name.endswith((".yml", ".placement")) and name not in wanted:
            os.unlink(os.path.join(out_dir, name))


def write_text(path, text):
    """Write UTF-8 text with LF line ends."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def drop_refused(keys, results, refused):
    """Remove keys that some configuration refused, from the key list and every placement."""
    keep = [i for i in range(len(keys)) if i not in refused]
    return [keys[i] for i in keep], [(cfg, [p[i] for i in keep]) for cfg, p in results]


def summarize(keys, results, refused_by_config, rejected, out_dir):
    """Print what was recorded."""
    print("keys: %d (longest %d bytes)" % (len(keys), max(len(k) for k in keys)))
    print("configurations recorded: %d" % len(results))
    for cfg, placement in results:
        counts = {}
        for name in placement:
            counts[name] = counts.get(name, 0) + 1
        spread = " ".join("%s=%d" % (n, counts[n]) for n in sorted(counts))
        print("  %-28s %s" % (cfg["id"], spread))
    for cid, refused in sorted(refused_by_config.items()):
        print("REFUSED by nutcracker in %s: %d keys, e.g. lengths %s" % (cid, len(refused), refused[:5]))
    for cid, why in rejected:
        print("REJECTED configuration %s: %s" % (cid, why))
    size = sum(os.path.getsize(os.path.join(out_dir, f)) for f in os.listdir(out_dir))
    print("fixtures: %s (%d files, %.1f KB)" % (out_dir, len(os.listdir(out_dir)), size / 1024))


# --------------------------------------------------------------------------- main

def parse_args():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(root, "src", "test", "resources", "placement"),
                        help="fixture directory (default: src/test/resources/placement)")
    parser.add_argument("--only", help="record only configurations whose id contains this text (no write)")
    return parser.parse_args()


def record(args, procs, workdir):
    """Start the backends, run every configuration, write the fixtures."""
    keys = generate_keys()
    configs = [c for c in build_configs() if not args.only or args.only in c["id"]]
    check_addresses_free()
    for b in BACKENDS:
        start_redis(procs, b, workdir)
    results, rejected, refused_by_config, all_refused = [], [], {}, set()
    for cfg in configs:
        try:
            placement, refused = run_config(cfg, keys, procs, workdir)
        except RecordError as e:
            if "rejected" not in str(e):
                raise
            rejected.append((cfg["id"], str(e)))
            continue
        if refused:
            refused_by_config[cfg["id"]] = [len(keys[i]) for i in refused]
            all_refused |= set(refused)
        results.append((cfg, placement))
        print("recorded %s" % cfg["id"], flush=True)
    keys, results = drop_refused(keys, results, all_refused)
    out_dir = args.out if not args.only else os.path.join(workdir, "out")
    write_fixtures(out_dir, keys, results)
    summarize(keys, results, refused_by_config, rejected, out_dir)
    return 1 if rejected else 0


def run_recording(tools, prefix, body):
    """The frame of a recorder: the tools must be there and nutcracker must be 0.5.0; body(procs,
    workdir) runs with a process group and a work directory that are cleaned up after it (the work
    directory is kept, and named, when it fails with a RecordError). Returns the exit status."""
    for tool in (NUTCRACKER,) + tuple(tools):
        if not os.access(tool, os.X_OK):
            sys.exit("missing %s" % tool)
    version = subprocess.run([NUTCRACKER, "-V"], capture_output=True, text=True)
    if "nutcracker-0.5.0" not in version.stdout + version.stderr:
        sys.exit("%s is not nutcracker 0.5.0: %s" % (NUTCRACKER, (version.stdout + version.stderr).strip()))
    procs = Processes()
    workdir = tempfile.mkdtemp(prefix=prefix)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        return body(procs, workdir)
    except RecordError as e:
        print("error: %s (work files kept in %s)" % (e, workdir), file=sys.stderr)
        workdir = None
        return 2
    finally:
        procs.stop_all()
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)


def main():
    args = parse_args()
    return run_recording([REDIS_SERVER], "jn-fx-", lambda procs, workdir: record(args, procs, workdir))

if __name__ == "__main__":
    sys.exit(main())
