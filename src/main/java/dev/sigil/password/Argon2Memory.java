package dev.sigil.password;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Function;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator.Block;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator.BlockPool;

/**
 * Argon2 memory reused from one hash to the next instead of allocated anew (19 MiB per Argon2id at the default
 * parameters), through BouncyCastle's {@link BlockPool}. Each hash in flight takes a {@link BlockSet} of its own for
 * its whole run, so no block is ever seen by two hashes at once, and a set needs no locking per block.
 * <p>
 * Sets are made lazily, when a hash finds none idle, and kept after use up to {@code SIGIL_HASH_CONCURRENCY} of
 * them ({@link HashBulkhead} bounds the hashes in flight to that): an idle server holds none, a busy one holds
 * 19 MiB per hash slot, allocated once. A set keeps at most the blocks of the default parameters; a stored hash that
 * asks for more memory (an import) gets the extra blocks fresh and they are dropped at its end.
 */
public final class Argon2Memory {

    /** Blocks of one default Argon2id, plus the four scratch blocks BouncyCastle's block filler takes. */
    static final int BLOCKS_PER_SET = Argon2BytesGenerator.getBlockCount(Argon2idHasher.DEFAULT.memoryKiB(),
            Argon2idHasher.DEFAULT.parallelism()) + 4;

    private static volatile Argon2Memory shared = new Argon2Memory(Runtime.getRuntime().availableProcessors(),
            BLOCKS_PER_SET);

    private final ArrayBlockingQueue<BlockSet> idle;
    private final int blocksPerSet;

    Argon2Memory(int setsKept, int blocksPerSet) {
        this.idle = new ArrayBlockingQueue<>(setsKept);
        this.blocksPerSet = blocksPerSet;
    }

    /** The memory every hash of this JVM uses. */
    public static Argon2Memory shared() {
        return shared;
    }

    /** Keeps at most {@code sets} idle sets from now on (the hash concurrency); the sets kept so far are let go. */
    public static void keepAtMost(int sets) {
        if (shared.idle.remainingCapacity() + shared.idle.size() != sets) {
            shared = new Argon2Memory(sets, BLOCKS_PER_SET);
        }
    }

    /** Runs {@code hashing} with a block set that no other hash uses meanwhile. */
    public <T> T with(Function<BlockPool, T> hashing) {
        BlockSet set = idle.poll();
        if (set == null) {
            set = new BlockSet(blocksPerSet);
        }
        try {
            return hashing.apply(set);
        } finally {
            idle.offer(set);
        }
    }

    /** Idle sets kept now. */
    int idleSets() {
        return idle.size();
    }

    /**
     * The blocks of one hash at a time: a stack, unsynchronized, as one hash runs on one thread (BouncyCastle fills
     * the lanes one after the other). BouncyCastle zeroes each block before it hands it back.
     */
    static final class BlockSet implements BlockPool {
        private final Block[] blocks;
        private int size;
        private int made;

        BlockSet(int capacity) {
            this.blocks = new Block[capacity];
        }

        @Override
        public Block allocate() {
            if (size > 0) {
                Block block = blocks[--size];
                blocks[size] = null;
                return block;
            }
            made++;
            return new Block();
        }

        @Override
        public void deallocate(Block block) {
            if (size < blocks.length) {
                blocks[size++] = block;
            }
        }

        /** Blocks this set has allocated in all (the measure of reuse in tests). */
        int made() {
            return made;
        }
    }
}
