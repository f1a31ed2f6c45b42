package io.jnutcracker.client;

import io.jnutcracker.command.Command;
import io.jnutcracker.resp.Request;
import io.jnutcracker.resp.CannedReply;
import io.jnutcracker.resp.Resp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Replies the proxy makes itself (nutcracker {@code redis_reply} and the close-without-a-word cases
 * it has instead). Error wording follows Redis where Redis has a message for the case, so client
 * libraries recognise it.
 */
final class LocalReplies {
    /** Longest argument text quoted back in an error, as Redis caps it. */
    private static final int QUOTE_LIMIT = 128;

    private LocalReplies() {
    }

    /** PING [message]: {@code +PONG} or the message as a bulk, as Redis answers. */
    static ByteBuf ping(Request request, ByteBufAllocator alloc) {
        if (request.argc() == 1) {
            return CannedReply.PONG.buffer();
        }
        if (request.argc() == 2) {
            return bulk(request, 1, alloc);
        }
        return wrongArity(request, alloc);
    }

    static ByteBuf echo(Request request, ByteBufAllocator alloc) {
        return request.argc() == 2 ? bulk(request, 1, alloc) : wrongArity(request, alloc);
    }

    /** SELECT of the pool's own {@code redis_db} is a no-op; any other db cannot be served. */
    static ByteBuf select(Request request, int redisDb, ByteBufAllocator alloc) {
        if (request.argc() != 2) {
            return wrongArity(request, alloc);
        }
        if (request.argString(1).equals(Integer.toString(redisDb))) {
            return CannedReply.OK.buffer();
        }
        return Resp.error(alloc, "ERR SELECT is not allowed through the proxy: this pool serves db " + redisDb
                + " (redis_db)");
    }

    /** COMMAND COUNT: the commands of the table, as recorded from redis-server (subcommands not counted, as Redis). */
    static ByteBuf commandCount(ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(16);
        Resp.writeInteger(out, io.jnutcracker.command.CommandTable.commandCount());
        return out;
    }

    static ByteBuf unknown(Request request, ByteBufAllocator alloc) {
        StringBuilder sb = new StringBuilder("ERR unknown command '").append(quote(request, 0))
                .append("', with args beginning with: ");
        for (int i = 1; i < request.argc() && sb.length() < 512; i++) {
            sb.append('\'').append(quote(request, i)).append("' ");
        }
        return Resp.error(alloc, sb.toString());
    }

    static ByteBuf unsupported(Command command, ByteBufAllocator alloc) {
        return Resp.error(alloc, "ERR command '" + command.name() + "' is not supported through the proxy: "
                + command.unsupported().reason());
    }

    static ByteBuf wrongArity(Request request, ByteBufAllocator alloc) {
        return wrongArity(quote(request, 0), alloc);
    }

    /** Redis 7's text, naming a subcommand as {@code object|encoding}. */
    static ByteBuf wrongArity(Command command, ByteBufAllocator alloc) {
        return wrongArity(command.name(), alloc);
    }

    private static ByteBuf wrongArity(String name, ByteBufAllocator alloc) {
        return Resp.error(alloc, "ERR wrong number of arguments for '" + name.toLowerCase(java.util.Locale.ROOT) + "' command");
    }

    static ByteBuf noAuth(ByteBufAllocator alloc) {
        return CannedReply.AUTH_REQUIRED.buffer();
    }

    private static ByteBuf bulk(Request request, int arg, ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(request.argLength(arg) + 16);
        Resp.writeBulk(out, request.arg(arg));
        return out;
    }

    /** An argument made safe to embed in a one-line error: capped, CR/LF replaced. */
    private static String quote(Request request, int arg) {
        String s = request.argString(arg);
        if (s.length() > QUOTE_LIMIT) {
            s = s.substring(0, QUOTE_LIMIT);
        }
        return s.replace('\r', ' ').replace('\n', ' ');
    }
}
