package dev.sigil.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.web.ServerBusy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class HashBulkheadTest {

    private record Wait(long nanos, boolean acquired) {
    }

    private final List<Wait> waits = new CopyOnWriteArrayList<>();

    @Test
    void aHashThatFindsAllSlotsBusyIsToldAsARejectedWaitOfAboutTheQueueWait() throws Exception {
        HashBulkhead bulkhead = new HashBulkhead(1, Duration.ofMillis(50), (n, a) -> waits.add(new Wait(n, a)));
        whileTheOnlySlotIsHeld(bulkhead, release -> {
            assertThrows(ServerBusy.class, () -> bulkhead.run(() -> "never"));
            release.countDown();
        });
        assertEquals(1, waits.size(), waits::toString);
        assertEquals(false, waits.get(0).acquired());
        assertTrue(waits.get(0).nanos() >= Duration.ofMillis(50).toNanos(), waits::toString);
    }

    @Test
    void aHashThatFindsAFreeSlotIsNoWait() {
        HashBulkhead bulkhead = new HashBulkhead(2, Duration.ofMillis(50), (n, a) -> waits.add(new Wait(n, a)));
        assertEquals("a", bulkhead.run(() -> bulkhead.run(() -> "a")));
        assertEquals(List.of(), waits);
    }

    @Test
    void aWaitThatGetsASlotIsToldAsAcquired() throws Exception {
        HashBulkhead bulkhead = new HashBulkhead(1, Duration.ofSeconds(30), (n, a) -> waits.add(new Wait(n, a)));
        whileTheOnlySlotIsHeld(bulkhead, release -> {
            Thread releaser = new Thread(() -> {
                sleep(100);
                release.countDown();
            });
            releaser.start();
            assertEquals("waited", bulkhead.run(() -> "waited"));
        });
        assertEquals(1, waits.size(), waits::toString);
        assertTrue(waits.get(0).acquired(), waits::toString);
    }

    /** Runs {@code test} while another thread holds the bulkhead's one slot until {@code test} counts down. */
    private static void whileTheOnlySlotIsHeld(HashBulkhead bulkhead, Consumer<CountDownLatch> test)
            throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> holder = pool.submit(() -> bulkhead.run(() -> {
                holding.countDown();
                await(release);
                return "held";
            }));
            holding.await();
            test.accept(release);
            assertEquals("held", holder.get());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
