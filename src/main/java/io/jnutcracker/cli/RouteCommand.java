package io.jnutcracker.cli;

import io.jnutcracker.config.ConfigException;
import io.jnutcracker.config.ConfigLoader;
import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.config.ProxyConfig;
import io.jnutcracker.config.ServerConfig;
import io.jnutcracker.command.McCommand;
import io.jnutcracker.util.Clock;
import io.jnutcracker.route.ServerPool;
import io.netty.buffer.Unpooled;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code route -c FILE [--pool NAME] KEY...}: where each key lives, per pool, computed by the same
 * {@link ServerPool} the data path uses (all servers live). Operators use it to debug a miss.
 */
@Command(name = "route",
        exitCodeOnInvalidInput = 1, exitCodeOnExecutionException = 1, // nutcracker exits 1 on a bad option
        description = "print the server that holds each key, for each pool")
final class RouteCommand implements Callable<Integer> {
    @Option(names = {"-c", "--conf-file"}, paramLabel = "FILE", required = true, description = "nutcracker.yml")
    Path confFile;

    @Option(names = "--pool", paramLabel = "NAME", description = "only this pool")
    String poolName;

    @Parameters(paramLabel = "KEY", arity = "1..*", description = "keys (UTF-8)")
    List<String> keys;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        ProxyConfig config;
        try {
            config = ConfigLoader.load(confFile);
        } catch (ConfigException e) {
            System.err.println("jnutcracker: " + e.describe());
            return 1;
        }
        List<PoolConfig> pools = config.pools().stream()
                .filter(p -> poolName == null || p.name().equals(poolName)).toList();
        if (pools.isEmpty()) {
            System.err.println("jnutcracker: no pool '" + poolName + "' in " + confFile);
            return 1;
        }
        out.printf("%-24s %-20s %-16s %s%n", "KEY", "POOL", "SERVER", "ADDRESS");
        for (PoolConfig pool : pools) {
            ServerPool serverPool = new ServerPool(pool, Clock.SYSTEM);
            for (String key : keys) {
                byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
                if (!pool.redis() && !memcachedKey(bytes)) {
                    out.printf("%-24s %-20s %s%n", key, pool.name(),
                            "(no server: a memcached key is 1..250 bytes without space or control bytes)");
                    continue;
                }
                int index = serverPool.serverFor(Unpooled.wrappedBuffer(bytes), 0, bytes.length);
                ServerConfig server = pool.servers().get(index);
                out.printf("%-24s %-20s %-16s %s%n", key, pool.name(), server.name(), server.address());
            }
        }
        for (PoolConfig pool : pools) {
            if (!pool.redis()) {
                out.printf("%s is a memcached pool: keys are placed as nutcracker places them (the same hashing as"
                        + " redis pools); a get of several keys is split among their servers%n", pool.name());
            }
        }
        return 0;
    }

    /** What memcached's text protocol accepts as a key ({@code McCommand.MAX_KEY_LENGTH}, no space or control byte). */
    private static boolean memcachedKey(byte[] key) {
        if (key.length == 0 || key.length > McCommand.MAX_KEY_LENGTH) {
            return false;
        }
        for (byte b : key) {
            if ((b & 0xFF) <= ' ' || b == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
