package io.jnutcracker.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.hash.Distribution;
import io.jnutcracker.hash.HashFunction;
import org.junit.jupiter.api.Test;

/** The directive table matches nutcracker 0.5.0's {@code conf_commands[]} and defaults. */
class DirectiveTest {

    @Test
    void seventeenKeys() {
        assertThat(Directive.nutcracker().stream().map(Directive::key)).containsExactly(
                "listen", "hash", "hash_tag", "distribution", "timeout", "backlog", "client_connections",
                "redis", "redis_auth", "redis_db", "preconnect", "auto_eject_hosts", "server_connections",
                "server_retry_timeout", "server_failure_limit", "tcpkeepalive", "servers");
    }

    @Test
    void extensionKeysAreTheRestAndAllNamedJn() {
        assertThat(Directive.extensions()).containsExactly(Directive.JN_VERIFY_INTERVAL, Directive.JN_READ_FALLBACK,
                Directive.JN_TLS_CERT, Directive.JN_TLS_KEY, Directive.JN_TLS_CLIENT_CA, Directive.JN_TLS_SERVER,
                Directive.JN_TLS_SERVER_CA, Directive.JN_TLS_SERVER_CERT, Directive.JN_TLS_SERVER_KEY,
                Directive.JN_TLS_SERVER_NAME, Directive.JN_TLS_SERVER_VERIFY,
                Directive.JN_MAX_REPLICA_LAG, Directive.JN_RETRY_MISS_ON_MASTER,
                Directive.JN_SENTINELS, Directive.JN_SENTINEL_AUTH, Directive.JN_SENTINEL_LOCAL,
                Directive.JN_DEDICATED_CONNECTIONS);
        assertThat(Directive.nutcracker().size() + Directive.extensions().size() + Directive.masterKeys().size())
                .isEqualTo(Directive.values().length);
        assertThat(Directive.masterKeys()).containsExactly(Directive.REUSEPORT);
        assertThat(Directive.extensions()).allSatisfy(d -> {
            assertThat(d.key()).startsWith("jn_");
            assertThat(d.isExtension()).isTrue();
        });
        assertThat(Directive.nutcracker()).noneMatch(Directive::isExtension);
        assertThat(Directive.byKey("jn_verify_interval")).contains(Directive.JN_VERIFY_INTERVAL);
        assertThat(Directive.JN_VERIFY_INTERVAL.defaultValue()).isEqualTo(0);
    }

    @Test
    void lookupIsExact() {
        assertThat(Directive.byKey("redis")).contains(Directive.REDIS);
        assertThat(Directive.byKey("Redis")).isEmpty();
        assertThat(Directive.byKey("sentinels")).isEmpty();
        assertThat(Directive.byKey("reuseport")).contains(Directive.REUSEPORT); // twemproxy master, not 0.5.0
    }

    @Test
    void defaults() {
        assertThat(Directive.HASH.defaultValue()).isEqualTo(HashFunction.FNV1A_64);
        assertThat(Directive.DISTRIBUTION.defaultValue()).isEqualTo(Distribution.KETAMA);
        assertThat(Directive.TIMEOUT.defaultValue()).isEqualTo(-1);
        assertThat(Directive.BACKLOG.defaultValue()).isEqualTo(512);
        assertThat(Directive.SERVER_RETRY_TIMEOUT.defaultValue()).isEqualTo(30000);
        assertThat(Directive.SERVER_FAILURE_LIMIT.defaultValue()).isEqualTo(2);
        assertThat(Directive.SERVER_CONNECTIONS.defaultValue()).isEqualTo(1);
        assertThat(Directive.REDIS.defaultValue()).isEqualTo(false);
        assertThat(Directive.LISTEN.defaultValue()).isNull();
        assertThat(Directive.SERVERS.syntax()).contains("host:port:weight");
    }
}
