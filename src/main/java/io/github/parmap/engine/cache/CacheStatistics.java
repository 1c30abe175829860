package io.github.parmap.engine.cache;


/**
 * What the build cache did in one run.
 *
 * @param restoredLocal items whose outputs came from the local cache
 * @param restoredRemote items whose outputs came from the remote cache
 * @param bytesDownloaded bytes of outputs downloaded from the remote cache
 * @param bytesUploaded bytes of outputs uploaded to the remote cache
 */
public record CacheStatistics(int restoredLocal, int restoredRemote, long bytesDownloaded, long bytesUploaded) {

    /** The statistics of a run without a cache. */
    public static final CacheStatistics NONE = new CacheStatistics(0, 0, 0, 0);

    /** @return items restored from either cache */
    public int restored() {
        return restoredLocal + restoredRemote;
    }
}
