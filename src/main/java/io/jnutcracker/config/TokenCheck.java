package io.jnutcracker.config;

import java.nio.file.Path;
import org.snakeyaml.engine.v2.tokens.DirectiveToken;
import org.snakeyaml.engine.v2.tokens.Token;

/**
 * nutcracker's {@code conf_validate_tokens}: the first token, in file order, of a kind nutcracker
 * refuses fails the file with {@code <kind> token (<libyaml number>) is disallowed}. That is every
 * YAML feature beyond plain block mappings and sequences: directives, explicit document markers,
 * flow collections, anchors, aliases and tags.
 */
final class TokenCheck {
    /** The refused kinds, with libyaml's {@code yaml_token_type_t} numbers nutcracker prints. */
    enum Refused {
        VERSION_DIRECTIVE(3, "version directive"),
        TAG_DIRECTIVE(4, "tag directive"),
        DOCUMENT_START(5, "document start"),
        DOCUMENT_END(6, "document end"),
        FLOW_SEQUENCE_START(10, "flow sequence start"),
        FLOW_SEQUENCE_END(11, "flow sequence end"),
        FLOW_MAPPING_START(12, "flow mapping start"),
        FLOW_MAPPING_END(13, "flow mapping end"),
        FLOW_ENTRY(15, "flow entry"),
        ALIAS(18, "alias"),
        ANCHOR(19, "anchor"),
        TAG(20, "tag");

        private final int libyamlType;
        private final String label;

        Refused(int libyamlType, String label) {
            this.libyamlType = libyamlType;
            this.label = label;
        }

        String message() {
            return label + " token (" + libyamlType + ") is disallowed";
        }
    }

    private TokenCheck() {
    }

    static void check(Path file, Iterable<Token> tokens) throws ConfigException {
        for (Token t : tokens) {
            Refused r = refused(t);
            if (r != null) {
                throw new ConfigException(file, YamlStream.line(t.getStartMark()), null, r.message());
            }
        }
    }

    /** The refused kind of {@code t}, or {@code null} when nutcracker allows it. */
    static Refused refused(Token t) {
        return switch (t.getTokenId()) {
            case Directive -> DirectiveToken.YAML_DIRECTIVE.equals(((DirectiveToken<?>) t).getName())
                    ? Refused.VERSION_DIRECTIVE : Refused.TAG_DIRECTIVE;
            case DocumentStart -> Refused.DOCUMENT_START;
            case DocumentEnd -> Refused.DOCUMENT_END;
            case FlowSequenceStart -> Refused.FLOW_SEQUENCE_START;
            case FlowSequenceEnd -> Refused.FLOW_SEQUENCE_END;
            case FlowMappingStart -> Refused.FLOW_MAPPING_START;
            case FlowMappingEnd -> Refused.FLOW_MAPPING_END;
            case FlowEntry -> Refused.FLOW_ENTRY;
            case Alias -> Refused.ALIAS;
            case Anchor -> Refused.ANCHOR;
            case Tag -> Refused.TAG;
            default -> null; // stream, block structure, key, value, scalar (and comments, never produced)
        };
    }
}
