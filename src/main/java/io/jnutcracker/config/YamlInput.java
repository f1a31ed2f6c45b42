package io.jnutcracker.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** Reads a config file into text the way libyaml's reader would see it. */
final class YamlInput {
    private YamlInput() {
    }

    /**
     * The file's text, decoded as libyaml does: a UTF-16 byte order mark selects UTF-16, anything
     * else is UTF-8 (a UTF-8 BOM is dropped). Invalid bytes are a reader error, reported on their line.
     */
    static String read(Path file) throws ConfigException {
        byte[] bytes;
        try {
            if (Files.isRegularFile(file)) {
                ConfigLimits.checkFileSize(file, Files.size(file)); // before reading a byte
            }
            // Never more than one byte past the limit, even if the file grows meanwhile or is a pipe.
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(Math.toIntExact(ConfigLimits.MAX_FILE_BYTES + 1));
            }
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                // fopen() succeeds on a directory; libyaml's first read then fails
                throw LibyamlError.READER.exception(file, 0, e);
            }
            throw new ConfigException(file, 0, null,
                    "failed to open configuration '" + file + "': " + strerror(e));
        }
        ConfigLimits.checkFileSize(file, bytes.length);
        return decode(file, bytes);
    }

    private static String decode(Path file, byte[] bytes) throws ConfigException {
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (startsWith(bytes, 0xff, 0xfe)) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (startsWith(bytes, 0xfe, 0xff)) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (startsWith(bytes, 0xef, 0xbb, 0xbf)) {
            skip = 3;
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw LibyamlError.READER.exception(file, lineAt(bytes, in.position()),
                    new IOException("invalid " + charset.name() + " at byte " + in.position()));
        }
        return out.flip().toString();
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** 1-based line of byte {@code pos}, counting '\n' bytes (good enough for UTF-8 and UTF-16). */
    private static int lineAt(byte[] bytes, int pos) {
        int line = 1;
        for (int i = 0; i < pos && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** glibc's {@code strerror} text for the usual reasons {@code fopen} fails. */
    private static String strerror(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        } else if (e instanceof AccessDeniedException) {
            return "Permission denied";
        } else if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        return e.getMessage();
    }
}
