package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * twemproxy master's {@code reuseport} pool key: two proxies share one listening port (SO_REUSEPORT,
 * the kernel spreads the connections), which without the key the second cannot bind.
 */
class ReusePortIT {
    @Test
    void twoProxiesListenOnOnePortWithReuseport() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start("127.0.0.1")) {
            int port = RedisServerProcess.freePort("127.0.0.1");
            String yml = BackendsIT.pool(port, "reuseport: true", redis.address() + ":1");
            try (ProxyProcess first = ProxyProcess.start(yml);
                 ProxyProcess second = ProxyProcess.start(yml);
                 RespClient c = new RespClient("127.0.0.1", port)) {
                assertThat(c.call("SET", "shared", "1")).isEqualTo("+OK\r\n");
                assertThat(c.call("GET", "shared")).isEqualTo("$1\r\n1\r\n");
            }
            int other = RedisServerProcess.freePort("127.0.0.1");
            String plain = BackendsIT.pool(other, "reuseport: false", redis.address() + ":1");
            try (ProxyProcess first = ProxyProcess.start(plain)) {
                assertThatThrownBy(() -> ProxyProcess.start(plain).close()).hasMessageContaining("bind");
            }
        }
    }
}
