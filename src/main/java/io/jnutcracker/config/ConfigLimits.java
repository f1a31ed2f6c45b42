package io.jnutcracker.config;

import java.nio.file.Path;

/**
 * Input limits of a configuration file, beyond nutcracker 0.5.0 (which has none: it reads whatever
 * libyaml gives it). They bound the time and the heap a load takes, so that a reload (SIGHUP,
 * {@code --watch}) of a runaway file cannot stall or exhaust the serving process.
 *
 * <p>Why these figures: the largest file nutcracker users describe holds a few thousand servers at
 * about 40 bytes a line, i.e. well under 1 MB; {@link #MAX_FILE_BYTES} leaves more than ten times
 * that. The longest meaningful scalar is a unix socket path ({@code PATH_MAX}, 4096 bytes) or a
 * {@code redis_auth} password (Redis caps {@code requirepass} at 512 MB, but real ones are under
 * 1 KB); {@link #MAX_SCALAR_CHARS} leaves a thousand times that. Parsing is linear in the file's
 * length (see {@code YamlStream}) and holds the text plus one parser's window, not every token:
 * measured at the limit, 16 MiB of comments, of {@code a: b} lines or of 1 MB scalars each load
 * within -Xmx128m in 2-5 s. What a valid file builds still grows with it: 16 MiB of servers (760
 * thousand) needs about 320 MB of heap to load.
 */
public final class ConfigLimits {
    /** Largest file accepted, in bytes (16 MiB); checked before the file is read. */
    public static final long MAX_FILE_BYTES = 16L << 20;
    /**
     * Longest scalar accepted, in characters (1 MiB). Any line longer than this is refused before
     * parsing (a single-line scalar is the usual offender); a scalar spread over lines is refused
     * once scanned.
     */
    public static final int MAX_SCALAR_CHARS = 1 << 20;
    /**
     * Most servers in one file, over all its pools (65,536). Each costs a ketama continuum of 160
     * points and its connections; at this figure the placement tables take about 85 MB, within the
     * launcher's heap beside the configuration in force during a reload. 16 MiB of server lines (760
     * thousand) would need gigabytes (nutcracker itself: 1.2 GB for 100 MB), and killed the proxy.
     */
    public static final int MAX_SERVERS = 1 << 16;

    private ConfigLimits() {
    }

    /**
     * Refuses a file of {@code bytes} bytes over the limit: its size on disk, or, for a file that
     * grows while read (or a pipe), what was read of it, which stops one byte past the limit.
     */
    static void checkFileSize(Path file, long bytes) throws ConfigException {
        if (bytes > MAX_FILE_BYTES) {
            throw new ConfigException(file, 0, null, "configuration '" + file + "' is too large: "
                    + bytes + " bytes, limit " + MAX_FILE_BYTES + " bytes");
        }
    }

    /** Refuses the first line longer than {@link #MAX_SCALAR_CHARS}, naming it; one linear pass. */
    static void checkLines(Path file, CharSequence text) throws ConfigException {
        int line = 1;
        int start = 0;
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            char c = i < n ? text.charAt(i) : '\n';
            if (c == '\n' || c == '\r') {
                if (i - start > MAX_SCALAR_CHARS) {
                    throw new ConfigException(file, line, null, "line " + line + " is longer than "
                            + MAX_SCALAR_CHARS + " characters (" + (i - start) + ")");
                }
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++; // CR LF is one break, as in YAML
                }
                line++;
                start = i + 1;
            }
        }
    }

    /** Refuses the {@code count}th server of a file, on {@code line}, over {@link #MAX_SERVERS}. */
    static void checkServers(Path file, int line, int count) throws ConfigException {
        if (count > MAX_SERVERS) {
            throw new ConfigException(file, line, "servers", "more than " + MAX_SERVERS
                    + " servers in one file (jnutcracker's limit)");
        }
    }

    /** Refuses a scalar of {@code length} characters starting on {@code line} over the limit. */
    static void checkScalar(Path file, int line, int length) throws ConfigException {
        if (length > MAX_SCALAR_CHARS) {
            throw new ConfigException(file, line, null, "scalar on line " + line + " is longer than "
                    + MAX_SCALAR_CHARS + " characters (" + length + ")");
        }
    }
}
