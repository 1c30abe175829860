package io.github.parmap.engine.cache;

import java.io.IOException;
import java.nio.file.Path;

/** Where cache entries are kept, the local directory or a remote server: what restoring an item needs of either. */
interface CacheStore {
    /** @return how the store is named in messages, such as {@code "Local"} */
    String name();

    /** @return the entry's manifest, or {@code null} when the store has no entry under that key */
    byte[] readManifest(String key) throws IOException, InterruptedException;

    /**
     * Copies one output's content to where the item stages it.
     *
     * @return whether the content was there; {@code false} makes the lookup a miss
     * @throws CacheManifest.CorruptEntryException if the content is not what the manifest says
     */
    boolean copyBlob(CacheManifest.Output output, Path target) throws IOException, InterruptedException, CacheManifest.CorruptEntryException;

    /** An entry whose manifest was there but an output's content was not. */
    default void entryIncomplete(String key) throws IOException {}

    /**
     * An entry found damaged.
     *
     * @param manifest its manifest, or {@code null} if that was the damaged part
     */
    default void entryDamaged(String key, CacheManifest manifest) throws IOException {}

    /** An entry restored in full. */
    default void entryRestored(String key, CacheManifest manifest) {}
}
