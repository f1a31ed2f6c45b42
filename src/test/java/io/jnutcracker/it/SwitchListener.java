package io.jnutcracker.it;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The test's own subscription to one Sentinel's {@code +switch-master}: when Sentinel announced the
 * failover, the reference the proxy's timing is measured from.
 */
final class SwitchListener implements AutoCloseable {
    private final RespClient client;
    private final CompletableFuture<Long> switched = new CompletableFuture<>();
    private final Thread reader;

    SwitchListener(String host, int port) throws IOException {
        client = new RespClient(host, port, 0);
        client.call("SUBSCRIBE", "+switch-master");
        reader = new Thread(() -> {
            try {
                while (!switched.isDone()) {
                    String message = client.readReply();
                    if (message.contains("+switch-master") && message.contains("message")) {
                        switched.complete(System.nanoTime());
                    }
                }
            } catch (IOException e) {
                switched.completeExceptionally(e);
            }
        }, "switch-listener");
        reader.setDaemon(true);
        reader.start();
    }

    /** System.nanoTime() at which the message arrived. */
    long await(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        return switched.get(timeout, unit);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
