package io.jnutcracker.cli;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --watch}: reloads when the configuration file changes. Watches the file's directory (editors
 * and config managers often replace the file rather than rewrite it) and waits for writes to settle
 * ({@link #SETTLE_MS}) so a half-written file is not read.
 */
final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);
    /** Quiet time after the last change before reloading, in ms. */
    static final long SETTLE_MS = 200;

    private final WatchService watcher;
    private final Thread thread;

    ConfigWatcher(Path file, Runnable reload) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Path name = abs.getFileName();
        this.watcher = FileSystems.getDefault().newWatchService();
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = new Thread(() -> loop(name, reload), "jn-config-watch");
        this.thread.setDaemon(true);
        this.thread.start();
        LOG.info("watching '{}' for changes", abs);
    }

    private void loop(Path name, Runnable reload) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean ours = touches(key, name);
                // Let a burst of writes settle into one reload.
                for (WatchKey more = watcher.poll(SETTLE_MS, TimeUnit.MILLISECONDS); more != null;
                        more = watcher.poll(SETTLE_MS, TimeUnit.MILLISECONDS)) {
                    ours |= touches(more, name);
                }
                if (ours) {
                    reload.run();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    private static boolean touches(WatchKey key, Path name) {
        boolean ours = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            ours |= name.equals(event.context());
        }
        key.reset();
        return ours;
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException ignored) {
            // nothing to release beyond what close already did
        }
        thread.interrupt();
    }
}
