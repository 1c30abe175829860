package io.github.parmap.engine.cache;

import io.github.parmap.engine.commit.CommittedOutput;
import io.github.parmap.engine.commit.WorkItem;
import io.github.parmap.engine.support.Fingerprints;
import io.github.parmap.engine.support.RunLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The build cache: a local directory in front of an optional remote HTTP server. Lookups try the local
 * cache first, then the remote one; a remote hit is kept locally too. Processed items are stored locally,
 * and remotely when pushing is on.
 *
 * <p>A damaged entry (a manifest cut short, a blob missing or with other bytes) is a miss with one WARNING
 * and is never restored, not even in part: every blob is checked against its SHA-256 before the item is
 * committed.
 */
public final class ContentAddressedCache implements ItemCache {
    private final CacheSettings settings;
    private final LocalCache local;
    private final RemoteCache remote;
    private final RunLog log;
    private final AtomicInteger restoredLocal = new AtomicInteger();
    private final AtomicInteger restoredRemote = new AtomicInteger();
    private final AtomicBoolean localWriteWarned = new AtomicBoolean();

    ContentAddressedCache(CacheSettings settings, RunLog log) {
        this.settings = settings;
        this.local = settings.localDirectory() == null ? null : new LocalCache(settings.localDirectory(), settings.localMaxSize());
        this.remote = settings.remote() == null ? null : new RemoteCache(settings.remote(), log);
        this.log = log;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Hit restore(WorkItem item, byte[] inputSha256) throws IOException, InterruptedException {
        String key = CacheKeys.key(settings.configurationFingerprint(), item.relativePath(), inputSha256);
        if (local != null) {
            Hit hit = restoreFrom(local, Source.LOCAL, item, key);
            if (hit != null) {
                return hit;
            }
        }
        return remote == null ? null : restoreFrom(remote, Source.REMOTE, item, key);
    }

    private Hit restoreFrom(CacheStore store, Source source, WorkItem item, String key) throws IOException, InterruptedException {
        byte[] bytes = store.readManifest(key);
        if (bytes == null) {
            return null;
        }
        CacheManifest manifest = null;
        try {
            manifest = CacheManifest.decode(bytes);
            for (CacheManifest.Output output : manifest.outputs()) {
                if (!store.copyBlob(output, item.output(output.path()))) {
                    store.entryIncomplete(key);
                    item.reset();
                    return null;
                }
            }
            store.entryRestored(key, manifest);
            return new Hit(source, key, manifest);
        } catch (CacheManifest.CorruptEntryException e) {
            log.warn(store.name() + " cache entry " + key + " for " + item.relativePath() + " is damaged (" + e.getMessage()
                    + "); processing the file instead");
            store.entryDamaged(key, manifest);
            item.reset();
            return null;
        } catch (IllegalArgumentException claimedByAnotherItem) {
            // The processor will run and report the conflict in its own words.
            item.reset();
            return null;
        }
    }

    @Override
    public void restored(Hit hit, Path outputDirectory) {
        if (hit.source() == Source.LOCAL) {
            restoredLocal.incrementAndGet();
            return;
        }
        restoredRemote.incrementAndGet();
        if (local != null) {
            try {
                for (CacheManifest.Output output : hit.manifest().outputs()) {
                    local.storeBlob(output.sha256(), outputDirectory.resolve(output.path()));
                }
                local.storeManifest(hit.key(), hit.manifest().encode());
            } catch (IOException e) {
                warnLocalWrite(e);
            }
        }
    }

    @Override
    public void store(String relativePath, byte[] inputSha256, Path outputDirectory, List<CommittedOutput> committed) {
        boolean toRemote = remote != null && remote.pushes();
        if (local == null && !toRemote) {
            return;
        }
        if (!committed.stream().allMatch(output -> CacheManifest.storable(output.path()))) {
            return;
        }
        String key = CacheKeys.key(settings.configurationFingerprint(), relativePath, inputSha256);
        CacheManifest manifest;
        try {
            List<CacheManifest.Output> outputs = new ArrayList<>(committed.size());
            for (CommittedOutput output : committed) {
                Path file = outputDirectory.resolve(output.path());
                String sha256 = local != null ? local.storeBlobHashing(file) : Fingerprints.hex(Fingerprints.sha256(file));
                outputs.add(new CacheManifest.Output(output.path(), output.size(), sha256));
            }
            manifest = new CacheManifest(outputs);
            if (local != null) {
                local.storeManifest(key, manifest.encode());
            }
        } catch (IOException e) {
            warnLocalWrite(e);
            return;
        }
        if (toRemote) {
            try {
                // Blobs first: a reader never finds a manifest whose blobs are not there yet.
                for (CacheManifest.Output output : manifest.outputs()) {
                    if (!remote.putBlob(output.sha256(), outputDirectory.resolve(output.path()))) {
                        return;
                    }
                }
                remote.putManifest(key, manifest.encode());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the build is being stopped; the entry is simply not shared
            }
        }
    }

    private void warnLocalWrite(IOException e) {
        if (localWriteWarned.compareAndSet(false, true)) {
            log.warn("Could not write to the local cache " + settings.localDirectory() + " (" + e + "); the build goes on without storing there");
        }
    }

    @Override
    public CacheStatistics statistics() {
        return new CacheStatistics(restoredLocal.get(), restoredRemote.get(), remote == null ? 0 : remote.downloaded(),
                remote == null ? 0 : remote.uploaded());
    }

    @Override
    public void close() {
        if (local != null) {
            try {
                long freed = local.evict();
                if (freed > 0) {
                    log.debug(() -> "Evicted " + freed + " bytes of least recently used entries from the local cache " + settings.localDirectory());
                }
            } catch (IOException | RuntimeException e) {
                log.warn("Could not bring the local cache " + settings.localDirectory() + " under its size limit: " + e);
            }
        }
    }
}
