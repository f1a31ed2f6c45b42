package io.jnutcracker.config;

import java.nio.file.Path;
import org.snakeyaml.engine.v2.exceptions.ParserException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.ScannerException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * libyaml's {@code yaml_error_type_t} classes, which nutcracker prints as the N of
 * {@code failed (err N) to get the next yaml document} when a file is not well-formed YAML.
 */
enum LibyamlError {
    /** Bad encoding, control characters, unreadable input. */
    READER(2),
    /** Tokens: tab indentation, unterminated quotes, unknown directives. */
    SCANNER(3),
    /** Token order: bad indentation, incompatible %YAML. */
    PARSER(4),
    /** Nodes: undefined alias, duplicate anchor. */
    COMPOSER(5);

    private final int code;

    LibyamlError(int code) {
        this.code = code;
    }

    /** The class libyaml would report for the same fault snakeyaml-engine found. */
    static LibyamlError of(YamlEngineException e) {
        return e instanceof ReaderException ? READER
                : e instanceof ScannerException ? SCANNER
                : e instanceof ParserException ? PARSER : COMPOSER;
    }

    ConfigException exception(Path file, int line, Throwable cause) {
        ConfigException ce = new ConfigException(file, line, null,
                "failed (err " + code + ") to get the next yaml document");
        if (cause != null) {
            ce.initCause(cause);
        }
        return ce;
    }
}
