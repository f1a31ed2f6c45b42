package io.jnutcracker.client;

import io.jnutcracker.resp.Request;
import io.jnutcracker.resp.CannedReply;
import io.jnutcracker.resp.Resp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The client side of {@code redis_auth} (nutcracker {@code redis_handle_auth_req}): until a client
 * sends the pool's password, every command but AUTH, HELLO with AUTH and QUIT is answered
 * {@code -NOAUTH Authentication required} (nutcracker's text; PING included, as nutcracker and Redis). A wrong password unauthenticates, as in nutcracker. The
 * comparison takes the same time whatever the guess. One per client connection.
 */
final class AuthGate {
    private final byte[] password;
    private boolean authenticated;

    /** @param password the pool's {@code redis_auth}, or {@code null} for none */
    AuthGate(String password) {
        this.password = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
        this.authenticated = password == null;
    }

    boolean authenticated() {
        return authenticated;
    }

    /** Answers {@code AUTH password} or {@code AUTH default password} (Redis 6 form). */
    ByteBuf auth(Request request, ByteBufAllocator alloc) {
        if (request.argc() > 3) {
            return Resp.error(alloc, "ERR syntax error");
        }
        return auth(request, request.argc() == 3 ? 1 : -1, request.argc() - 1, alloc);
    }

    /**
     * Checks the password at argument {@code passwordArg}; {@code userArg} (or -1 for none) must
     * name the {@code default} user, the only one a proxy password stands for.
     */
    ByteBuf auth(Request request, int userArg, int passwordArg, ByteBufAllocator alloc) {
        if (password == null) {
            return CannedReply.NO_PASSWORD.buffer();
        }
        boolean userOk = userArg < 0 || "default".equals(request.argString(userArg));
        byte[] given = ByteBufUtil.getBytes(request.arg(passwordArg));
        authenticated = MessageDigest.isEqual(password, given) && userOk;
        if (authenticated) {
            return CannedReply.OK.buffer();
        }
        return userArg < 0 ? CannedReply.INVALID_PASSWORD.buffer()
                : Resp.error(alloc, "WRONGPASS invalid username-password pair or user is disabled.");
    }
}
