package io.github.parmap.engine.commit;

/**
 * One output as it was committed: what stale-output removal and the up-to-date check compare the file
 * on disk against, so that a file changed since is never taken for parmap's own.
 *
 * @param path relative to the output directory
 * @param size its size when committed, or {@link #UNKNOWN}
 * @param modified its modification time when committed, in nanoseconds, or {@link #UNKNOWN}
 */
public record CommittedOutput(String path, long size, long modified) {
    /** A size or time not recorded (by an older state format): such an output is never taken as unchanged. */
    public static final long UNKNOWN = -1;
}
