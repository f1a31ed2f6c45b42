package io.jnutcracker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that look wrong but nutcracker 0.5.0 accepts ([run] on the real binary), with its values. */
class AcceptedOdditiesTest {
    @TempDir
    Path dir;

    private PoolConfig pool(String yaml) throws ConfigException {
        return ConfigFiles.load(dir, yaml).pools().get(0);
    }

    @Test
    void quotedTrueIsTrue() throws Exception {
        assertThat(pool("""
                p:
                  listen: 127.0.0.1:22121
                  redis: "true"
                  auto_eject_hosts: 'false'
                  servers:
                   - 127.0.0.1:6379:1
                """).redis()).isTrue();
    }

    @Test
    void bareIpv6ServerSplitsFromTheRight() throws Exception {
        ServerConfig s = pool("""
                p:
                  listen: ::1:22121
                  servers:
                   - ::1:16379:1
                """).servers().get(0);

        assertThat(s).isEqualTo(new ServerConfig("::1:16379:1", "::1:16379", "::1", 16379, null, 1, 4));
    }

    @Test
    void unixSocketServerIsNamedWithTrailingColon() throws Exception {
        ServerConfig s = pool("""
                p:
                  listen: 127.0.0.1:22121
                  servers:
                   - /path.sock:1
                """).servers().get(0);

        assertThat(s).isEqualTo(new ServerConfig("/path.sock:1", "/path.sock:", null, 0, "/path.sock", 1, 4));
        assertThat(s.isUnix()).isTrue();
    }

    @Test
    void port11211IsLeftOutOfTheName() throws Exception {
        PoolConfig p = pool("""
                p:
                  listen: 127.0.0.1:22121
                  servers:
                   - 10.0.0.1:11211:1
                   - 10.0.0.2:011211:1
                   - 10.0.0.3:11212:1
                """);

        // the rule compares the parsed port, so "011211" counts too; other names keep the port as written
        assertThat(p.servers()).extracting(ServerConfig::name).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3:11212");
        assertThat(p.servers()).extracting(ServerConfig::port).containsExactly(11211, 11211, 11212);
    }

    @Test
    void givenNameWinsAndPnameDropsIt() throws Exception {
        ServerConfig s = pool("""
                p:
                  listen: 127.0.0.1:22121
                  servers:
                   - 127.0.0.1:6379:3 cache-1
                """).servers().get(0);

        assertThat(s.name()).isEqualTo("cache-1");
        assertThat(s.pname()).isEqualTo("127.0.0.1:6379:3");
        assertThat(s.weight()).isEqualTo(3);
    }

    @Test
    void badOctalPermissionKeepsTheParsedPrefix() throws Exception {
        // strtol("999", NULL, 8) parses nothing: 0, i.e. no chmod
        assertThat(pool("""
                p:
                  listen: /tmp/x.sock 999
                  servers:
                   - 127.0.0.1:6379:1
                """).listen()).isEqualTo(new ListenConfig("/tmp/x.sock 999", null, 0, "/tmp/x.sock", 0));
    }

    @Test
    void octalPermissionIsRead() throws Exception {
        ListenConfig l = pool("""
                p:
                  listen: /tmp/x.sock 0640
                  servers:
                   - 127.0.0.1:6379:1
                """).listen();

        assertThat(l.permission()).isEqualTo(0640);
        assertThat(l.isUnix()).isTrue();
    }

    @Test
    void hugeTimeoutWrapsLikeNutcrackersInt() throws Exception {
        // 99999999999 mod 2^32 = 1215752191, positive, so nutcracker accepts it with that value
        assertThat(pool("""
                p:
                  listen: 127.0.0.1:22121
                  timeout: 99999999999
                  servers:
                   - 127.0.0.1:6379:1
                """).timeoutMs()).isEqualTo(1215752191);
    }

    @Test
    void clientConnectionsIsParsed() throws Exception {
        assertThat(pool("""
                p:
                  listen: 127.0.0.1:22121
                  client_connections: 5
                  servers:
                   - 127.0.0.1:6379:1
                """).clientConnections()).isEqualTo(5);
    }

    @Test
    void unresolvableServerHostIsFine() throws Exception {
        // server hosts are resolved lazily, per connection, never at load
        assertThat(pool("""
                p:
                  listen: 127.0.0.1:22121
                  servers:
                   - no.such.host.invalid:6379:1
                """).servers().get(0).host()).isEqualTo("no.such.host.invalid");
    }

    @Test
    void serversMayBeOneScalarWhenAnotherKeyHoldsTheSequence() throws Exception {
        // the handler takes each entry of the pool's one sequence under its key, whatever the key
        PoolConfig p = pool("""
                p:
                  servers: 127.0.0.1:6379:1
                  listen:
                   - 127.0.0.1:22121
                """);

        assertThat(p.listen().port()).isEqualTo(22121);
        assertThat(p.servers()).extracting(ServerConfig::name).containsExactly("127.0.0.1:6379");
    }

    @Test
    void explicitKeysAndBlockScalarsAreFine() throws Exception {
        PoolConfig p = pool("""
                p:
                  ? listen
                  : 127.0.0.1:22121
                  redis: true
                  redis_auth: |-
                    secret
                  servers:
                   - 127.0.0.1:6379:1
                """);

        assertThat(p.redisAuth()).isEqualTo("secret");
    }
}
