package dev.sigil.password;

import dev.sigil.config.SigilConfig;
import dev.sigil.web.ServerBusy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds how many password hashes run at once (SIGIL_HASH_CONCURRENCY, default: the cores). More would not finish
 * sooner, only hold more memory (19 MiB per Argon2id) and more request threads. The excess waits up to
 * SIGIL_HASH_QUEUE_WAIT for a slot, then gets 503 + Retry-After. Callers hold no transaction or connection here.
 */
@ApplicationScoped
public class HashBulkhead {

    private Semaphore slots;
    private long waitNanos;

    protected HashBulkhead() {
    }

    @Inject
    public HashBulkhead(SigilConfig config) {
        this(config.hashConcurrency(), config.hashQueueWait());
    }

    public HashBulkhead(int concurrency, Duration wait) {
        this.slots = new Semaphore(concurrency, true);
        this.waitNanos = wait.toNanos();
    }

    /** For tests and tools: as good as no limit. */
    public static HashBulkhead unbounded() {
        return new HashBulkhead(Integer.MAX_VALUE, Duration.ZERO);
    }

    /** Runs {@code hashing} in a slot; throws {@link ServerBusy} when none frees up in time. */
    public <T> T run(Supplier<T> hashing) {
        try {
            if (!slots.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
                throw new ServerBusy();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ServerBusy();
        }
        try {
            return hashing.get();
        } finally {
            slots.release();
        }
    }
}
