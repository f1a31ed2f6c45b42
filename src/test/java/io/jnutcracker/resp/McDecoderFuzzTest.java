package io.jnutcracker.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.memcache.McReplyDecoder;
import io.jnutcracker.memcache.McRequestDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the memcached decoders: generated command and reply streams (binary data blocks with CR and
 * LF inside, multi-key gets, noreply, the error lines) decode to exactly what was generated under
 * every cutting (every byte for short inputs, random pieces otherwise); the same streams mutated
 * decode the same whatever the cutting, never throw from the request side, and free every buffer
 * ({@link Feed}). Seed and size: see {@link Fuzz}.
 */
class McDecoderFuzzTest {
    private static final int LIMIT = 4096;

    /** A generated stream and what the decoder must emit for it. */
    private record Stream(byte[] bytes, List<String> expected) {
    }

    @Test
    void generatedRequestStreamsDecodeAsGeneratedUnderEveryCutting() {
        Fuzz.run("memcache.requests", Fuzz.budget(0.02), (random, context) -> {
            Stream s = requests(random);
            context.what = "request stream";
            context.input = s.bytes();
            int runs = 0;
            for (int[] cuts : plans(s.bytes().length, random)) {
                context.cuts = cuts;
                Feed.Result result = Feed.run(() -> new McRequestDecoder(LIMIT), McRequestDecoder::bufferedBytes,
                        s.bytes(), cuts, McDecoderTest::describeRequest);
                assertThat(result.errors()).isEmpty();
                assertThat(result.messages()).containsExactlyElementsOf(s.expected());
                assertThat(result.buffered()).isZero();
                runs++;
            }
            return runs;
        });
    }

    @Test
    void generatedReplyStreamsDecodeAsGeneratedUnderEveryCutting() {
        Fuzz.run("memcache.replies", Fuzz.budget(0.02), (random, context) -> {
            Stream s = replies(random);
            context.what = "reply stream";
            context.input = s.bytes();
            int runs = 0;
            for (int[] cuts : plans(s.bytes().length, random)) {
                context.cuts = cuts;
                Feed.Result result = Feed.run(McReplyDecoder::new, McReplyDecoder::bufferedBytes, s.bytes(), cuts,
                        McDecoderTest::describeReply);
                assertThat(result.errors()).isEmpty();
                assertThat(result.messages()).containsExactlyElementsOf(s.expected());
                runs++;
            }
            return runs;
        });
    }

    @Test
    void mutatedStreamsDecodeTheSameWhateverTheCutting() {
        Fuzz.run("memcache.mutated", Fuzz.budget(0.02), (random, context) -> {
            boolean request = random.nextBoolean();
            byte[] input = mutate(request ? requests(random).bytes() : replies(random).bytes(), random);
            context.what = request ? "mutated requests" : "mutated replies";
            context.input = input;
            Feed.Result whole = null;
            int runs = 0;
            for (int[] cuts : plans(input.length, random)) {
                context.cuts = cuts;
                Feed.Result result = request
                        ? Feed.run(() -> new McRequestDecoder(LIMIT), McRequestDecoder::bufferedBytes, input, cuts,
                                McDecoderTest::describeRequest)
                        : Feed.run(McReplyDecoder::new, McReplyDecoder::bufferedBytes, input, cuts, McDecoderTest::describeReply);
                if (request) {
                    assertThat(result.errors()).as("the request decoder answers, never throws").isEmpty();
                }
                if (whole == null) {
                    whole = result;
                } else {
                    assertThat(result.messages()).containsExactlyElementsOf(whole.messages());
                    assertThat(result.errors()).containsExactlyElementsOf(whole.errors());
                }
                runs++;
            }
            return runs;
        });
    }

    private static List<int[]> plans(int length, Random random) {
        return length <= Fuzz.SHORT ? Feed.everyCut(length) : Feed.someCuts(length, 4, random);
    }

    private static Stream requests(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int n = 1 + random.nextInt(6); n > 0; n--) {
            String key = key(random);
            String line;
            String data = null;
            String refusal = null;
            switch (random.nextInt(9)) {
                case 0, 1 -> {
                    String[] names = {"set", "add", "replace", "append", "prepend"};
                    data = data(random);
                    line = names[random.nextInt(names.length)] + " " + key + " " + random.nextInt(100) + " 0 " + data.length()
                            + (random.nextBoolean() ? " noreply" : "");
                }
                case 2 -> {
                    data = data(random);
                    line = "cas " + key + " 0 0 " + data.length() + " " + random.nextInt(1000);
                }
                case 3 -> {
                    StringBuilder keys = new StringBuilder(random.nextBoolean() ? "get" : "gets");
                    for (int k = 1 + random.nextInt(4); k > 0; k--) {
                        keys.append(' ').append(key(random));
                    }
                    line = keys.toString();
                }
                case 4 -> line = "delete " + key + (random.nextBoolean() ? " noreply" : "");
                case 5 -> line = (random.nextBoolean() ? "incr " : "touch ") + key + " " + random.nextInt(99);
                case 6 -> line = random.nextBoolean() ? "version" : "quit";
                case 7 -> {
                    line = random.nextBoolean() ? "flush_all" : "GET " + key;
                    refusal = "ERR ERROR keep";
                }
                default -> {
                    line = "get " + "k".repeat(251);
                    refusal = "ERR CLIENT_ERROR bad command line format keep";
                }
            }
            String frame = line + "\r\n" + (data == null ? "" : data + "\r\n");
            expected.add(refusal != null ? refusal : "REQ " + frame + " [" + String.join(", ", line.split(" ")) + "]");
            out.writeBytes(frame.getBytes(StandardCharsets.ISO_8859_1));
        }
        return new Stream(out.toByteArray(), expected);
    }

    private static Stream replies(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int n = 1 + random.nextInt(6); n > 0; n--) {
            String frame;
            String described;
            switch (random.nextInt(4)) {
                case 0 -> {
                    String[] lines = {"STORED", "NOT_STORED", "EXISTS", "NOT_FOUND", "DELETED", "TOUCHED", "42", "VERSION 1.6.18"};
                    frame = lines[random.nextInt(lines.length)] + "\r\n";
                    described = "SIMPLE_STRING -1 " + frame;
                }
                case 1 -> {
                    frame = (random.nextBoolean() ? "ERROR" : "SERVER_ERROR out of memory") + "\r\n";
                    described = "ERROR -1 " + frame;
                }
                default -> {
                    StringBuilder all = new StringBuilder();
                    StringBuilder elements = new StringBuilder();
                    int values = random.nextInt(4);
                    for (int v = 0; v < values; v++) {
                        String data = data(random);
                        String block = "VALUE " + key(random) + " " + random.nextInt(9) + " " + data.length()
                                + (random.nextBoolean() ? " " + random.nextInt(99999) : "") + "\r\n" + data + "\r\n";
                        all.append(block);
                        elements.append(" [").append(block).append(']');
                    }
                    frame = all.append("END\r\n").toString();
                    described = "ARRAY " + values + elements + " " + frame;
                }
            }
            expected.add(described);
            out.writeBytes(frame.getBytes(StandardCharsets.ISO_8859_1));
        }
        return new Stream(out.toByteArray(), expected);
    }

    private static String key(Random random) {
        StringBuilder key = new StringBuilder();
        for (int i = 1 + random.nextInt(random.nextInt(10) == 0 ? 250 : 12); i > 0; i--) {
            key.append((char) ('!' + random.nextInt(94)));
        }
        return key.toString();
    }

    /** Any bytes, CR and LF included, sometimes "\r\n" itself. */
    private static String data(Random random) {
        StringBuilder data = new StringBuilder();
        for (int i = random.nextInt(random.nextInt(20) == 0 ? 3000 : 20); i > 0; i--) {
            data.append(random.nextInt(6) == 0 ? (random.nextBoolean() ? '\r' : '\n') : (char) random.nextInt(256));
        }
        return data.toString();
    }

    private static byte[] mutate(byte[] input, Random random) {
        byte[] out = input.clone();
        for (int m = 1 + random.nextInt(3); m > 0 && out.length > 0; m--) {
            out[random.nextInt(out.length)] = (byte) " \r\n0a9-VEGTSs".charAt(random.nextInt(13));
        }
        return out;
    }
}
