package io.jnutcracker.resp;

import static io.jnutcracker.resp.Feed.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seeded random traffic: encode, cut at random points, decode, compare. */
@ExtendWith(LeakCheck.class)
class RoundTripTest {

    @Test
    void requests() {
        for (int seed = 0; seed < 40; seed++) {
            Random random = new Random(seed);
            StringBuilder input = new StringBuilder();
            List<String> expected = new ArrayList<>();
            for (int n = random.nextInt(30); n >= 0; n--) {
                List<String> args = new ArrayList<>();
                for (int a = 1 + random.nextInt(6); a > 0; a--) {
                    args.add(randomBytes(random, random.nextInt(10) == 0 ? 300 : 12));
                }
                switch (random.nextInt(5)) {
                    case 0 -> input.append(inline(args, random));
                    case 1 -> {
                        input.append(random.nextBoolean() ? "*0\r\n" : "\r\n"); // skipped: no command
                        continue;
                    }
                    default -> input.append(RequestDecoderTest.resp(args));
                }
                expected.add(args.toString());
            }
            byte[] in = bytes(input.toString());
            for (int k = 0; k < 5; k++) {
                int[] cuts = Feed.randomCuts(in.length, random);
                Feed.Result result = RequestDecoderTest.run(in, cuts);
                assertThat(result.messages()).as("seed %d", seed).containsExactlyElementsOf(expected);
                assertThat(result.buffered()).isZero();
            }
        }
    }

    @Test
    void replies() {
        for (int seed = 0; seed < 40; seed++) {
            Random random = new Random(seed);
            StringBuilder input = new StringBuilder();
            List<String> expected = new ArrayList<>();
            for (int n = random.nextInt(30); n >= 0; n--) {
                Node reply = randomReply(random, 0);
                input.append(reply.encoding);
                expected.add(reply.description);
            }
            byte[] in = bytes(input.toString());
            for (int k = 0; k < 5; k++) {
                int[] cuts = Feed.randomCuts(in.length, random);
                Feed.Result result = Feed.run(ReplyDecoder::new, ReplyDecoder::bufferedBytes, in, cuts,
                        ReplyDecoderTest::describe);
                assertThat(result.messages()).as("seed %d", seed).containsExactlyElementsOf(expected);
                assertThat(result.buffered()).isZero();
                assertThat(result.errors()).isEmpty();
            }
        }
    }

    /** Any bytes, one char per byte (ISO-8859-1). */
    static String randomBytes(Random random, int maxLength) {
        char[] chars = new char[random.nextInt(maxLength + 1)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) random.nextInt(256);
        }
        return new String(chars);
    }

    /** An inline line: arguments in double quotes, bytes escaped as redis-cli would. */
    static String inline(List<String> args, Random random) {
        StringBuilder line = new StringBuilder();
        for (String arg : args) {
            line.append(random.nextBoolean() ? " " : " \t ").append('"');
            for (char c : arg.toCharArray()) {
                if (c == '"' || c == '\\' || c < 0x20 || c > 0x7e) {
                    line.append(String.format("\\x%02x", (int) c));
                } else {
                    line.append(c);
                }
            }
            line.append('"');
        }
        return line.append(random.nextBoolean() ? "\r\n" : "\n").toString();
    }

    /** A reply's encoding and what ReplyDecoderTest.describe says of it. */
    record Node(String encoding, String description) {
    }

    static Node randomReply(Random random, int depth) {
        int kind = random.nextInt(depth < 4 ? 7 : 5);
        switch (kind) {
            case 0: {
                String enc = "+" + printable(random) + "\r\n";
                return new Node(enc, "SIMPLE_STRING " + enc);
            }
            case 1: {
                String enc = "-ERR " + printable(random) + "\r\n";
                return new Node(enc, "ERROR " + enc);
            }
            case 2: {
                long value = random.nextLong() >> random.nextInt(64);
                String enc = ":" + value + "\r\n";
                return new Node(enc, "INTEGER " + enc + " =" + value);
            }
            case 3: {
                String enc = "$-1\r\n";
                return new Node(enc, "BULK_STRING " + enc + " null");
            }
            case 4: {
                String value = randomBytes(random, random.nextInt(10) == 0 ? 5000 : 20);
                String enc = "$" + value.length() + "\r\n" + value + "\r\n";
                return new Node(enc, "BULK_STRING " + enc);
            }
            case 5:
                return new Node("*-1\r\n", "ARRAY *-1\r\n null count=-1");
            default: {
                List<String> children = new ArrayList<>();
                StringBuilder enc = new StringBuilder();
                for (int i = random.nextInt(6); i > 0; i--) {
                    children.add(randomReply(random, depth + 1).encoding);
                    enc.append(children.get(children.size() - 1));
                }
                String all = "*" + children.size() + "\r\n" + enc;
                return new Node(all, "ARRAY " + all + " count=" + children.size() + " " + children);
            }
        }
    }

    static String printable(Random random) {
        char[] chars = new char[random.nextInt(15)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (0x20 + random.nextInt(0x5f));
        }
        return new String(chars);
    }
}
