package io.jnutcracker.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.hash.Distribution;
import io.jnutcracker.hash.HashFunction;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The directive table matches nutcracker 0.5.0's {@code conf_commands[]} and defaults. */
class DirectiveTest {

    @Test
    void seventeenKeys() {
        assertThat(Arrays.stream(Directive.values()).map(Directive::key)).containsExactly(
                "listen", "hash", "hash_tag", "distribution", "timeout", "backlog", "client_connections",
                "redis", "redis_auth", "redis_db", "preconnect", "auto_eject_hosts", "server_connections",
                "server_retry_timeout", "server_failure_limit", "tcpkeepalive", "servers");
    }

    @Test
    void lookupIsExact() {
        assertThat(Directive.byKey("redis")).contains(Directive.REDIS);
        assertThat(Directive.byKey("Redis")).isEmpty();
        assertThat(Directive.byKey("sentinels")).isEmpty();
        assertThat(Directive.byKey("reuseport")).isEmpty(); // master only, not 0.5.0
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
