package io.jnutcracker.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A plain memcached text-protocol connection for tests: writes raw bytes, reads whole replies (a
 * line; a retrieval's VALUE blocks through {@code END}), as strings of ISO-8859-1 bytes.
 */
final class McText implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private McText(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 65536);
        this.out = socket.getOutputStream();
    }

    static McText connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        return new McText(socket);
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends {@code text} and reads one reply. */
    String call(String text) throws IOException {
        send(text);
        return reply();
    }

    /** One whole reply: a line, or VALUE blocks up to and including END. */
    String reply() throws IOException {
        StringBuilder all = new StringBuilder();
        while (true) {
            String line = line();
            all.append(line);
            if (!line.startsWith("VALUE ")) {
                return all.toString();
            }
            String[] parts = line.trim().split(" ");
            int length = Integer.parseInt(parts[3]);
            all.append(new String(in.readNBytes(length + 2), StandardCharsets.ISO_8859_1));
        }
    }

    /** One line, CRLF included; an IOException at EOF. */
    String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("EOF after " + line.size() + " bytes");
            }
            line.write(b);
        }
        line.write('\n');
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Whether the peer has closed (reads EOF within the socket timeout). */
    boolean closedByPeer() throws IOException {
        return in.read() < 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
