package io.jnutcracker.it;

import io.jnutcracker.Nutcracker;
import io.jnutcracker.config.ConfigLoader;
import io.jnutcracker.route.Clock;
import java.nio.file.Files;
import java.nio.file.Path;

/** jnutcracker running in the test's JVM from a yml text, the same way {@code bin/jnutcracker -c} runs it. */
public final class ProxyProcess implements AutoCloseable {
    private final Nutcracker proxy;
    private final Path config;

    private ProxyProcess(Nutcracker proxy, Path config) {
        this.proxy = proxy;
        this.config = config;
    }

    public static ProxyProcess start(String yml) throws Exception {
        Path file = Files.createTempFile("jn-", ".yml");
        Files.writeString(file, yml);
        return new ProxyProcess(Nutcracker.start(ConfigLoader.load(file), Clock.SYSTEM, 2), file);
    }

    public Path config() {
        return config;
    }

    public Nutcracker nutcracker() {
        return proxy;
    }

    /** Writes {@code yml} over the config file and reloads it, as SIGHUP does; returns what happened. */
    public io.jnutcracker.Reload reload(String yml) throws Exception {
        Files.writeString(config, yml);
        try {
            return proxy.reload(ConfigLoader.load(config));
        } catch (io.jnutcracker.config.ConfigException e) {
            return proxy.reloadFailed(e.describe());
        }
    }

    @Override
    public void close() throws Exception {
        proxy.close();
        Files.deleteIfExists(config);
    }
}
