package io.github.parmap.engine;

import java.util.List;

/**
 * What every worker of one run shares.
 *
 * @param request the run's request
 * @param items the scanned inputs, in order
 * @param staging where items stage their outputs
 * @param claims which item writes which output
 * @param progress item hand-out and counting
 * @param checker the up-to-date checker
 * @param monitor notified whenever a worker finishes
 * @param timings how long each item took
 * @param cache the build cache, which may be a no-op
 */
record RunShared(
        ProcessingRequest request,
        List<InputFile> items,
        StagingArea staging,
        OutputClaims claims,
        Progress progress,
        UpToDateChecker checker,
        Object monitor,
        ItemTimings timings,
        ItemCache cache) {

    RunLog log() {
        return request.log();
    }
}
