package io.github.parmap.engine.cache;

import io.github.parmap.engine.commit.CommittedOutput;
import io.github.parmap.engine.commit.WorkItem;
import io.github.parmap.engine.support.RunLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where workers look for an item's outputs before they run the processor, and where they leave what they
 * processed. Workers call it from several threads at once.
 */
public interface ItemCache extends AutoCloseable {

    /** @return the cache of runs without one: every lookup misses, nothing is stored */
    static ItemCache none() {
        return NoItemCache.INSTANCE;
    }

    /** @return the cache the settings describe, or {@link #none()} when they describe none */
    static ItemCache open(CacheSettings settings, RunLog log) {
        return settings == null || !settings.enabled() ? none() : new ContentAddressedCache(settings, log);
    }

    /** @return whether lookups can hit; when not, workers need not hash inputs for it */
    boolean enabled();

    /**
     * Looks the item up and, on a hit, writes its outputs through the item's staging, so that the caller
     * commits them atomically like a processed item's. On a miss the item holds nothing.
     *
     * @param item the item, with nothing staged yet
     * @param inputSha256 the input's content hash
     * @return the hit, to hand to {@link #restored} once the item is committed, or {@code null} on a miss
     */
    Hit restore(WorkItem item, byte[] inputSha256) throws IOException, InterruptedException;

    /** Tells the cache that a hit was committed: counts it, and keeps a remote hit locally as well. */
    void restored(Hit hit, Path outputDirectory);

    /** Stores what a processed item committed. Never fails the item: problems are logged. */
    void store(String relativePath, byte[] inputSha256, Path outputDirectory, List<CommittedOutput> committed);

    /** @return what the cache did so far */
    CacheStatistics statistics();

    /** Ends the run: the local cache is brought under its size limit. */
    @Override
    void close();

    /** Where a hit came from. */
    enum Source { LOCAL, REMOTE }

    /**
     * A cache hit.
     *
     * @param source where it came from
     * @param key its entry's key
     * @param manifest its outputs
     */
    record Hit(Source source, String key, CacheManifest manifest) {}

    /** The cache of runs without one. */
    enum NoItemCache implements ItemCache {
        INSTANCE;

        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public Hit restore(WorkItem item, byte[] inputSha256) {
            return null;
        }

        @Override
        public void restored(Hit hit, Path outputDirectory) {}

        @Override
        public void store(String relativePath, byte[] inputSha256, Path outputDirectory, List<CommittedOutput> committed) {}

        @Override
        public CacheStatistics statistics() {
            return CacheStatistics.NONE;
        }

        @Override
        public void close() {}
    }
}
