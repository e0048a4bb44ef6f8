package dev.adsbridge.sandbox.world;

import dev.adsbridge.sandbox.SandboxContext;
import dev.adsbridge.sandbox.control.AdjustableClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a running sandbox's world in its file: checks every {@link #CHECK_SECONDS} seconds whether objects, tokens,
 * report runs, the app's settings or the clock's offset changed and writes the file when they did, and writes it once more on close. Usage counters
 * travel with those writes (they change on every call, which alone is not worth a write).
 */
public final class WorldKeeper implements AutoCloseable {

    static final long CHECK_SECONDS = 2;
    private static final Logger log = LoggerFactory.getLogger(WorldKeeper.class);

    private final SandboxContext context;
    private final Path file;
    private final ScheduledExecutorService timer;
    private long written;

    public WorldKeeper(SandboxContext context, Path file) {
        this.context = context;
        this.file = file;
        this.written = fingerprint();
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sandbox-world-keeper");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::writeIfChanged, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
    }

    public Path file() {
        return file;
    }

    private long fingerprint() {
        long clockOffset = context.config().clock() instanceof AdjustableClock clock ? clock.offset().toMillis() : 0;
        return (context.store().changeCount() * 31 + context.app().changeCount()) * 31 + clockOffset;
    }

    private synchronized void writeIfChanged() {
        try {
            long now = fingerprint();
            if (now != written) {
                WorldFile.write(context, file);
                written = now;
            }
        } catch (RuntimeException e) {
            log.warn("could not keep the sandbox world in {}: {}", file, e.getMessage());
        }
    }

    /** Writes the world a last time. */
    public synchronized void flush() {
        WorldFile.write(context, file);
        written = fingerprint();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        flush();
    }
}
