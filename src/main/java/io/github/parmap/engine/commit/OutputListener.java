package io.github.parmap.engine.commit;

import java.nio.file.Path;

/**
 * Told about every file the run writes into or deletes from the output directory, for hosts that keep a
 * view of the file system, such as an IDE's incremental build. Called from worker threads.
 */
public interface OutputListener {

    /** @param file an output that was committed (created or replaced) */
    void written(Path file);

    /** @param file a stale output that was deleted */
    void deleted(Path file);

    /** @return a listener that ignores everything */
    static OutputListener none() {
        return new OutputListener() {
            @Override
            public void written(Path file) {}

            @Override
            public void deleted(Path file) {}
        };
    }
}
