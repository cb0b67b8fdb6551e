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
    private HashWaits waits;

    protected HashBulkhead() {
    }

    @Inject
    public HashBulkhead(SigilConfig config, HashWaits waits) {
        this(config.hashConcurrency(), config.hashQueueWait(), waits);
        // As many hashes as run at once keep their Argon2 memory between logins; more never run together.
        Argon2Memory.keepAtMost(config.hashConcurrency());
    }

    public HashBulkhead(int concurrency, Duration wait) {
        this(concurrency, wait, HashWaits.NONE);
    }

    public HashBulkhead(int concurrency, Duration wait, HashWaits waits) {
        this.slots = new Semaphore(concurrency, true);
        this.waitNanos = wait.toNanos();
        this.waits = waits;
    }

    /** For tests and tools: as good as no limit. */
    public static HashBulkhead unbounded() {
        return new HashBulkhead(Integer.MAX_VALUE, Duration.ZERO);
    }

    /** Runs {@code hashing} in a slot; throws {@link ServerBusy} when none frees up in time. */
    public <T> T run(Supplier<T> hashing) {
        acquire();
        try {
            return hashing.get();
        } finally {
            slots.release();
        }
    }

    /** A free slot at once, or a timed wait that {@link HashWaits} is told of. */
    private void acquire() {
        boolean acquired = false;
        boolean waited = false;
        long waitStarted = 0;
        try {
            // The timed form with 0, not tryAcquire(): that one would barge past the waiters of this fair semaphore.
            if (slots.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                return;
            }
            waited = true;
            waitStarted = System.nanoTime();
            acquired = slots.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (waited) {
            waits.waited(System.nanoTime() - waitStarted, acquired);
        }
        if (!acquired) {
            throw new ServerBusy();
        }
    }
}
