package io.jnutcracker.config;

import java.nio.file.Path;

/**
 * A configuration file nutcracker would reject. The message is nutcracker's log wording (so operators
 * can grep for it); {@link #describe()} adds the file, the line and the key, which nutcracker's
 * {@code -t} never prints.
 */
public final class ConfigException extends Exception {
    private final Path file;
    private final int line;
    private final String key;

    /**
     * @param line 1-based line, or 0 when the problem has no single line
     * @param key the directive concerned, or {@code null}
     */
    public ConfigException(Path file, int line, String key, String message) {
        super(message);
        this.file = file;
        this.line = line;
        this.key = key;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String key() {
        return key;
    }

    /** {@code file:line: message}, e.g. {@code conf/x.yml:7: directive "hash" is not a valid hash}. */
    public String describe() {
        StringBuilder sb = new StringBuilder().append(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ").append(getMessage());
        return sb.toString();
    }
}
