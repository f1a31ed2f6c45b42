package io.jnutcracker.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal blocking RESP2 client for tests: sends commands as arrays of bulk strings, reads one
 * reply as its raw wire text (nested arrays included), so tests compare exactly what a client sees.
 */
public final class RespClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RespClient(String host, int port) throws IOException {
        this(host, port, 10_000);
    }

    /** A client whose reads wait up to {@code readTimeoutMillis} for data. */
    public RespClient(String host, int port, int readTimeoutMillis) throws IOException {
        this(new Socket(host, port), readTimeoutMillis);
    }

    /** A client over {@code socket}, already connected (a TLS socket, for one). */
    public RespClient(Socket socket, int readTimeoutMillis) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(readTimeoutMillis);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public static byte[] encode(String... args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        write(b, "*" + args.length + "\r\n");
        for (String a : args) {
            byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
            write(b, "$" + bytes.length + "\r\n");
            b.writeBytes(bytes);
            write(b, "\r\n");
        }
        return b.toByteArray();
    }

    /** {@code times} copies of one command, to send as one pipeline. */
    public static byte[] pipeline(int times, String... args) {
        byte[] one = encode(args);
        ByteArrayOutputStream b = new ByteArrayOutputStream(one.length * times);
        for (int i = 0; i < times; i++) {
            b.writeBytes(one);
        }
        return b.toByteArray();
    }

    private static void write(ByteArrayOutputStream b, String s) {
        b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends one command and reads its reply. */
    public String call(String... args) throws IOException {
        send(encode(args));
        return readReply();
    }

    /** Reads one complete reply as wire text, e.g. {@code "$3\r\nfoo\r\n"}. */
    public String readReply() throws IOException {
        StringBuilder sb = new StringBuilder();
        readReply(sb);
        return sb.toString();
    }

    private void readReply(StringBuilder sb) throws IOException {
        String line = readLine();
        sb.append(line).append("\r\n");
        char type = line.charAt(0);
        if (type == '$') {
            int len = Integer.parseInt(line.substring(1));
            if (len >= 0) {
                byte[] data = in.readNBytes(len + 2);
                sb.append(new String(data, StandardCharsets.UTF_8));
            }
        } else if (type == '*') {
            int n = Integer.parseInt(line.substring(1));
            for (int i = 0; i < n; i++) {
                readReply(sb);
            }
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); ; c = in.read()) {
            if (c == -1) {
                throw new java.io.EOFException("connection closed after '" + sb + "'");
            }
            if (c == '\r') {
                in.read(); // '\n'
                return sb.toString();
            }
            sb.append((char) c);
        }
    }

    /** True when the server has closed the connection (reads EOF within the timeout). */
    public boolean isClosedByPeer() throws IOException {
        try {
            return in.read() == -1;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    /** Shuts down the sending side (SHUT_WR, what {@code nc -N} does); replies can still be read. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /**
     * Reads everything the peer still sends, up to its close (EOF), as text; fails with
     * SocketTimeoutException when nothing arrives within the read timeout and the connection stays open.
     */
    public String readToEof() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /**
     * As {@link #readToEof}, but a reset ends the reading too: a peer that closes with bytes of ours
     * still unread in its socket makes the kernel send RST instead of FIN, after what it had sent.
     */
    public String readToClose() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                b.write(chunk, 0, n);
            }
        } catch (java.net.SocketException e) {
            if (!String.valueOf(e.getMessage()).contains("Connection reset")) {
                throw e;
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** Bytes readable without blocking. */
    public int available() throws IOException {
        return in.available();
    }

    public OutputStream outputStream() {
        return out;
    }

    public void soTimeout(int ms) throws IOException {
        socket.setSoTimeout(ms);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
