package io.jnutcracker.config;

import io.jnutcracker.hash.Distribution;
import io.jnutcracker.hash.HashFunction;

/**
 * The value parsers behind {@link Directive}, one per nutcracker {@code conf_set_*} function. Each
 * returns the parsed value or throws {@link InvalidValue} with nutcracker's reason text.
 */
enum ValueKind {
    /** {@code conf_set_num}: {@link NcNumbers#atoi}, negative means "not a number". */
    NUMBER("number") {
        @Override
        Object parse(String value, int line) throws InvalidValue {
            int n = NcNumbers.atoi(value);
            if (n < 0) {
                throw new InvalidValue("is not a number");
            }
            return n;
        }
    },
    /** {@code conf_set_bool}: exactly {@code true} or {@code false}; {@code True}/{@code yes} fail. */
    BOOLEAN("true|false") {
        @Override
        Object parse(String value, int line) throws InvalidValue {
            return switch (value) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new InvalidValue("is not \"true\" or \"false\"");
            };
        }
    },
    /** {@code conf_set_string}: taken as is. */
    STRING("string") {
        @Override
        Object parse(String value, int line) {
            return value;
        }
    },
    /** {@code conf_set_hash}: one of the twelve names, case-sensitive. */
    HASH("hash name") {
        @Override
        Object parse(String value, int line) throws InvalidValue {
            return HashFunction.byName(value).orElseThrow(() -> new InvalidValue("is not a valid hash"));
        }
    },
    /** {@code conf_set_hashtag}: exactly two bytes (so a single two-byte UTF-8 character passes). */
    HASH_TAG("two characters") {
        @Override
        Object parse(String value, int line) throws InvalidValue {
            byte[] bytes = NcStrings.utf8(value);
            if (bytes.length != 2) {
                throw new InvalidValue("is not a valid hash tag string with two characters");
            }
            return bytes;
        }
    },
    /** {@code conf_set_distribution}: ketama, modula or random. */
    DISTRIBUTION("distribution name") {
        @Override
        Object parse(String value, int line) throws InvalidValue {
            return Distribution.byName(value)
                    .orElseThrow(() -> new InvalidValue("is not a valid distribution"));
        }
    },
    /** {@code conf_set_listen}. */
    LISTEN("host:port | /path [perm]") {
        @Override
        Object parse(String value, int line) throws InvalidValue {
            return ListenParser.parse(value);
        }
    },
    /**
     * {@code jn_read_fallback}: {@code pool:NAME} or {@code proxy:HOST:PORT} / {@code proxy:/path};
     * kept as text here, resolved against the file's pools once they are all known.
     */
    READ_FALLBACK("pool:NAME | proxy:HOST:PORT") {
        @Override
        Object parse(String value, int line) throws InvalidValue {
            if (value.startsWith("pool:") && value.length() > 5) {
                return value;
            }
            if (value.startsWith("proxy:") && value.length() > 6) {
                // The same entry syntax as a server, weight 1: host:port (or /path), nothing else.
                String target = value.substring(6);
                ServerParser.parse(target.startsWith("/") ? target + ":1" : target + ":1", line);
                return value;
            }
            throw new InvalidValue("is not \"pool:NAME\" or \"proxy:HOST:PORT\"");
        }
    },
    /** A {@code jn_tls_*} file: read now ({@link PemFile}); what it must hold is checked by {@link TlsResolver}. */
    PEM_FILE("path to a PEM file") {
        @Override
        Object parse(String value, int line) throws InvalidValue {
            return PemFile.read(value);
        }
    },
    /** {@code jn_tls_server_verify}. */
    TLS_VERIFY("full|chain|none") {
        @Override
        Object parse(String value, int line) throws InvalidValue {
            TlsConfig.Verify v = TlsConfig.Verify.byName(value);
            if (v == null) {
                throw new InvalidValue("is not \"full\", \"chain\" or \"none\"");
            }
            return v;
        }
    },
    /**
     * {@code jn_sentinels}: {@code host:port} entries separated by commas or spaces, in one scalar
     * (nutcracker allows one sequence per pool, {@code servers:}); unresolved until used.
     */
    ADDRESSES("host:port[,host:port...]") {
        @Override
        Object parse(String value, int line) throws InvalidValue {
            java.util.List<java.net.InetSocketAddress> out = new java.util.ArrayList<>();
            for (String entry : entries(value)) {
                ServerConfig s;
                try {
                    s = ServerParser.parse(entry + ":1", line);
                } catch (InvalidValue e) {
                    throw new InvalidValue("has \"" + entry + "\", which is not host:port");
                }
                if (s.isUnix()) {
                    throw new InvalidValue("has \"" + entry + "\", which is not host:port");
                }
                out.add(java.net.InetSocketAddress.createUnresolved(s.host(), s.port()));
            }
            return java.util.List.copyOf(out);
        }
    },
    /** {@code jn_sentinel_local}: address literals or CIDR subnets, separated by commas or spaces. */
    SUBNETS("address[/bits][,address[/bits]...]") {
        @Override
        Object parse(String value, int line) throws InvalidValue {
            java.util.List<Subnet> out = new java.util.ArrayList<>();
            for (String entry : entries(value)) {
                out.add(Subnet.parse(entry));
            }
            return java.util.List.copyOf(out);
        }
    },
    /** {@code conf_add_server}: one sequence entry. */
    SERVER("host:port:weight [name] | /path:weight [name]") {
        @Override
        Object parse(String value, int line) throws InvalidValue {
            return ServerParser.parse(value, line);
        }
    };

    private final String syntax;

    ValueKind(String syntax) {
        this.syntax = syntax;
    }

    /** Human-readable value syntax, for docs and {@code -D}-style listings. */
    String syntax() {
        return syntax;
    }

    /**
     * @param value a non-empty scalar (empty ones never get here; see {@link ConfParser})
     * @param line 1-based line of the value, kept by parsers whose result records it
     */
    abstract Object parse(String value, int line) throws InvalidValue;

    /** The non-empty pieces of a list written in one scalar, split at commas and spaces. */
    static java.util.List<String> entries(String value) throws InvalidValue {
        java.util.List<String> out = java.util.Arrays.stream(value.split("[,\\s]+")).filter(e -> !e.isEmpty()).toList();
        if (out.isEmpty()) {
            throw new InvalidValue("has no entries");
        }
        return out;
    }
}
