package dev.sigil.password;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.password.Argon2idHasher.Argon2Settings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator.Block;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator.BlockPool;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Argon2MemoryTest {

    private static final byte[] SALT = "somesaltsomesalt".getBytes(StandardCharsets.US_ASCII);

    /** BouncyCastle's own generator with its own fresh memory: what the pooled path must agree with. */
    private static byte[] unpooled(int type, int version, String password, byte[] salt, Argon2Settings s, int len) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(type).withVersion(version).withMemoryAsKB(s.memoryKiB())
                .withIterations(s.iterations()).withParallelism(s.parallelism()).withSalt(salt).build());
        byte[] out = new byte[len];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    @Test
    void reusedMemoryGivesTheReferenceKnownAnswerEveryTime() {
        // phc-winner-argon2 src/test.c: Argon2id v=0x13, t=2, m=2^16, p=1, "password" / "somesalt". 64 MiB is more
        // than a set keeps, so this also runs the path where extra blocks are made and dropped.
        Argon2Memory memory = new Argon2Memory(1, Argon2Memory.BLOCKS_PER_SET);
        for (int i = 0; i < 3; i++) {
            byte[] tag = memory.with(blocks -> Argon2Hash.derive(Argon2Parameters.ARGON2_id,
                    Argon2Parameters.ARGON2_VERSION_13, "password", "somesalt".getBytes(StandardCharsets.US_ASCII),
                    new Argon2Settings(65536, 2, 1), 32, blocks));
            assertEquals("09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7",
                    HexFormat.of().formatHex(tag));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "2, 19, 19456, 2, 1, 32", // the default, the case the pool is sized for
        "2, 19, 1024, 3, 2, 32", // two lanes
        "2, 19, 64, 1, 8, 16",
        "1, 19, 4096, 2, 1, 64", // argon2i
        "0, 16, 2048, 2, 2, 32", // argon2d, version 0x10
    })
    void pooledHashesEqualUnpooledOnesAfterTheMemoryWasUsedForOthers(int type, int v, int m, int t, int p, int len) {
        int version = v == 19 ? Argon2Parameters.ARGON2_VERSION_13 : Argon2Parameters.ARGON2_VERSION_10;
        Argon2Settings settings = new Argon2Settings(m, t, p);
        Argon2Memory memory = new Argon2Memory(1, Argon2Memory.BLOCKS_PER_SET);
        // Dirty the blocks with other hashes first: what a set held before must not leak into the next hash.
        memory.with(blocks -> Argon2Hash.derive(Argon2Parameters.ARGON2_d, Argon2Parameters.ARGON2_VERSION_13,
                "other", SALT, new Argon2Settings(19456, 1, 1), 32, blocks));
        for (String password : List.of("password", "", "pässwörd ✓")) {
            byte[] pooled = memory.with(blocks -> Argon2Hash.derive(type, version, password, SALT, settings, len,
                    blocks));
            assertArrayEquals(unpooled(type, version, password, SALT, settings, len), pooled, password);
        }
    }

    @Test
    void aSetIsKeptAndReusedSoASecondHashAllocatesNoBlock() {
        Argon2Memory memory = new Argon2Memory(1, Argon2Memory.BLOCKS_PER_SET);
        Argon2Memory.BlockSet[] used = new Argon2Memory.BlockSet[2];
        int[] made = new int[2];
        for (int i = 0; i < 2; i++) {
            int n = i;
            memory.with(blocks -> {
                used[n] = (Argon2Memory.BlockSet) blocks;
                byte[] tag = Argon2Hash.derive(Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_VERSION_13, "pw",
                        SALT, Argon2idHasher.DEFAULT, 32, blocks);
                made[n] = used[n].made();
                return tag;
            });
        }
        assertTrue(used[0] == used[1], "the second hash got the first one's set");
        assertTrue(made[0] >= 19456 && made[0] <= Argon2Memory.BLOCKS_PER_SET, "first hash made " + made[0]);
        assertEquals(made[0], made[1], "the second hash made no block");
        assertEquals(1, memory.idleSets());
    }

    @Test
    void noMoreSetsAreKeptThanConfigured() throws Exception {
        Argon2Memory memory = new Argon2Memory(2, 8);
        CountDownLatch inside = new CountDownLatch(4);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                held.add(pool.submit(() -> memory.with(blocks -> {
                    inside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                })));
            }
            inside.await();
            assertEquals(0, memory.idleSets(), "four hashes in flight, four sets, none idle");
            release.countDown();
            for (Future<Object> f : held) {
                f.get();
            }
            assertEquals(2, memory.idleSets());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentHashesNeverShareABlockAndAllGiveTheRightAnswer() throws Exception {
        // Every block a hash takes is recorded as its own until it hands it back; a block taken while another hash
        // holds it is a failure. Small parameters so that many hashes overlap; more threads than sets kept.
        Argon2Settings settings = new Argon2Settings(256, 2, 2);
        Argon2Memory memory = new Argon2Memory(3, Argon2BytesGenerator.getBlockCount(256, 2) + 4);
        Map<Block, Integer> holder = new ConcurrentHashMap<>();
        AtomicInteger conflicts = new AtomicInteger();
        int threads = 8;
        int hashesEach = 150;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < hashesEach; i++) {
                        int hashId = thread * hashesEach + i;
                        String password = "pw-" + hashId;
                        byte[] pooled = memory.with(blocks -> Argon2Hash.derive(Argon2Parameters.ARGON2_id,
                                Argon2Parameters.ARGON2_VERSION_13, password, SALT, settings, 32,
                                tracking(blocks, hashId, holder, conflicts)));
                        byte[] expected = unpooled(Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_VERSION_13,
                                password, SALT, settings, 32);
                        if (!java.util.Arrays.equals(expected, pooled)) {
                            return "wrong hash for " + password;
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<String> result : results) {
                assertNull(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, conflicts.get(), "blocks taken while another hash held them");
        assertTrue(memory.idleSets() <= 3);
    }

    /** Wraps a hash's pool so that every block it takes is checked against, and recorded in, {@code holder}. */
    private static BlockPool tracking(BlockPool blocks, int hashId, Map<Block, Integer> holder,
            AtomicInteger conflicts) {
        Map<Block, Boolean> mine = new IdentityHashMap<>();
        return new BlockPool() {
            @Override
            public Block allocate() {
                Block block = blocks.allocate();
                // Block has identity equality, so the map keys on the object itself.
                Integer previous = holder.putIfAbsent(block, hashId);
                if (previous != null) {
                    conflicts.incrementAndGet();
                }
                mine.put(block, true);
                return block;
            }

            @Override
            public void deallocate(Block block) {
                if (mine.remove(block) != null) {
                    holder.remove(block, hashId);
                }
                blocks.deallocate(block);
            }
        };
    }
}
