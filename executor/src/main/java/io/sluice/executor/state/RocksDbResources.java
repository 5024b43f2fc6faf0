package io.sluice.executor.state;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/**
 * The native objects behind one RocksDB instance, closed together in reverse order of creation
 * (a database before its options, options before the cache and filter they point to).
 */
final class RocksDbResources implements AutoCloseable {
    // sized for a streaming engine on a laptop: a few stores per job, each small until it grows
    private static final long WRITE_BUFFER_SIZE = 4L << 20;
    private static final long BLOCK_CACHE_SIZE = 8L << 20;
    private static final long TARGET_FILE_SIZE = 8L << 20;

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    static {
        RocksDB.loadLibrary(); // once per JVM: the first use of this class extracts and loads it
    }

    <T extends AutoCloseable> T add(T resource) {
        resources.push(resource);
        return resource;
    }

    /** Options of a store's own database. */
    Options storeOptions() {
        LRUCache cache = add(new LRUCache(BLOCK_CACHE_SIZE));
        BloomFilter filter = add(new BloomFilter(10));
        return add(new Options())
                .setCreateIfMissing(true)
                .setWriteBufferSize(WRITE_BUFFER_SIZE)
                .setMaxWriteBufferNumber(2)
                .setTargetFileSizeBase(TARGET_FILE_SIZE)
                .setMaxBytesForLevelBase(4 * TARGET_FILE_SIZE)
                .setMaxBackgroundJobs(2)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setTableFormatConfig(new BlockBasedTableConfig()
                        .setBlockCache(cache)
                        .setFilterPolicy(filter)
                        .setBlockSize(16 << 10))
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setMaxLogFileSize(1 << 20)
                .setKeepLogFileNum(2)
                .setStatsDumpPeriodSec(0)
                // without a WAL, closing would flush memtables only to have them deleted: the
                // working copy is thrown away at close, durable state lives in snapshots
                .setAvoidFlushDuringShutdown(true);
    }

    /**
     * Options to read a checkpoint without writing into its directory: its info log goes to
     * {@code logDirectory}, and read-only mode takes no lock and writes no manifest.
     */
    Options readOnlyOptions(Path logDirectory) {
        return add(new Options())
                .setCreateIfMissing(false)
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setDbLogDir(logDirectory.toString())
                .setMaxLogFileSize(1 << 20)
                .setKeepLogFileNum(1)
                .setStatsDumpPeriodSec(0);
    }

    @Override
    public void close() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                // RocksObject.close does not fail; nothing else is added
            }
        }
    }
}
