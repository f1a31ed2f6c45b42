package io.jnutcracker.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads and validates a {@code nutcracker.yml} as nutcracker 0.5.0 does ({@code nc_conf.c}
 * {@code conf_create}): the same stages in the same order, so a file with several problems fails on
 * the same one, with the same words, plus its file, line and key.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /**
     * @return the pools sorted by name as nutcracker sorts them, each with its servers in nutcracker's
     *     order and every default applied
     * @throws ConfigException where nutcracker would refuse the file
     */
    public static ProxyConfig load(Path file) throws ConfigException {
        String text = YamlInput.read(file);                 // conf_open
        YamlStream yaml = YamlStream.parse(file, text);     // conf_validate_document (+ ConfigLimits)
        TokenCheck.check(file, yaml.tokens());              // conf_validate_tokens
        StructureCheck.check(file, yaml.events());          // conf_validate_structure
        List<PoolDraft> pools = ConfParser.parse(file, yaml.events()); // conf_parse
        return PoolValidator.validate(file, pools);         // conf_post_validate
    }
}
