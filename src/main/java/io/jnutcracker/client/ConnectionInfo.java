package io.jnutcracker.client;

import io.jnutcracker.Version;
import io.jnutcracker.resp.CannedReply;
import io.jnutcracker.resp.Request;
import io.jnutcracker.resp.Resp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * What a driver's connection handshake touches (HELLO, CLIENT SETNAME/GETNAME/SETINFO), kept per
 * client connection and never sent to a server, since server connections are shared. nutcracker
 * closes the connection on all of these, which makes Lettuce and Jedis fail to connect.
 */
final class ConnectionInfo {
    private final long id;
    private final AuthGate auth;
    private String name;

    ConnectionInfo(long id, AuthGate auth) {
        this.id = id;
        this.auth = auth;
    }

    /**
     * {@code HELLO [protover [AUTH user pass] [SETNAME name]]}: protocol 2 only. Version 3 gets
     * Redis's {@code -NOPROTO}, on which drivers fall back to RESP2 (and AUTH on its own).
     */
    ByteBuf hello(Request request, ByteBufAllocator alloc) {
        if (request.argc() >= 2 && !request.argString(1).equals("2")) {
            return Resp.error(alloc, "NOPROTO sorry, this protocol version is not supported.");
        }
        String newName = name;
        for (int i = 2; i < request.argc(); i++) {
            String option = request.argString(i).toUpperCase();
            if (option.equals("AUTH") && i + 2 < request.argc()) {
                ByteBuf verdict = auth.auth(request, i + 1, i + 2, alloc);
                if (!auth.authenticated()) {
                    return verdict;
                }
                verdict.release();
                i += 2;
            } else if (option.equals("SETNAME") && i + 1 < request.argc()) {
                newName = request.argString(++i);
            } else {
                return Resp.error(alloc, "ERR Syntax error in HELLO option '" + request.argString(i) + "'");
            }
        }
        if (!auth.authenticated()) {
            return CannedReply.AUTH_REQUIRED.buffer();
        }
        name = newName;
        ByteBuf out = alloc.buffer(160);
        Resp.writeArrayHeader(out, 14);
        bulk(out, "server").bulk(out, "jnutcracker");
        bulk(out, "version").bulk(out, Version.JNUTCRACKER);
        bulk(out, "proto");
        Resp.writeInteger(out, 2);
        bulk(out, "id");
        Resp.writeInteger(out, id);
        bulk(out, "mode").bulk(out, "proxy");
        bulk(out, "role").bulk(out, "master");
        bulk(out, "modules");
        Resp.writeArrayHeader(out, 0);
        return out;
    }

    /** CLIENT SETNAME / GETNAME / SETINFO / ID locally; anything else refused with the reason. */
    ByteBuf client(Request request, ByteBufAllocator alloc) {
        String sub = request.argString(1).toUpperCase();
        switch (sub) {
            case "SETNAME":
                if (request.argc() != 3) {
                    return LocalReplies.wrongArity(request, alloc);
                }
                name = request.argString(2);
                return CannedReply.OK.buffer();
            case "GETNAME":
                if (name == null || name.isEmpty()) {
                    return CannedReply.NULL_BULK.buffer();
                }
                ByteBuf out = alloc.buffer(name.length() + 16);
                Resp.writeBulk(out, name.getBytes(StandardCharsets.ISO_8859_1));
                return out;
            case "SETINFO":
                return request.argc() == 4 ? CannedReply.OK.buffer() : LocalReplies.wrongArity(request, alloc);
            case "ID":
                ByteBuf idReply = alloc.buffer(24);
                Resp.writeInteger(idReply, id);
                return idReply;
            default:
                return Resp.error(alloc, "ERR CLIENT " + sub + " is not supported through the proxy: "
                        + "server connections are shared by all clients");
        }
    }

    private ConnectionInfo bulk(ByteBuf out, String s) {
        Resp.writeBulk(out, s.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }
}
