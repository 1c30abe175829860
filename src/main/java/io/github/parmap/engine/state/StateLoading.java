package io.github.parmap.engine.state;

import io.github.parmap.engine.support.Failures;
import io.github.parmap.engine.support.RunLog;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Loads an execution's build state on a thread of its own while the input directory is scanned: the two
 * read different files, and on a run where everything is up to date the load is a good part of the time.
 */
public final class StateLoading {
    private final FutureTask<BuildState> task;

    private StateLoading(FutureTask<BuildState> task) {
        this.task = task;
    }

    public static StateLoading start(Incremental settings, RunLog log) {
        FutureTask<BuildState> task = new FutureTask<>(() -> BuildState.open(settings.stateDirectory(), settings.configurationFingerprint(), log));
        Thread thread = new Thread(task, "parmap-state-load");
        thread.setDaemon(true);
        thread.start();
        return new StateLoading(task);
    }

    /** @return the loaded state, which the caller closes; a failure of the load is thrown as it was */
    public BuildState await() throws IOException, InterruptedException {
        try {
            return task.get();
        } catch (InterruptedException interrupted) {
            abandon();
            throw interrupted;
        } catch (ExecutionException failed) {
            Failures.rethrowCause(failed);
            throw new IllegalStateException(failed); // not reached: rethrowCause always throws
        }
    }

    /** For a run that stops before it uses the state: closes it once loaded, without waiting for that. */
    public void abandon() {
        Thread closer = new Thread(() -> {
            try {
                task.get().close();
            } catch (IOException | ExecutionException | RuntimeException | InterruptedException nothingToClose) {
                // a load that failed has nothing open; the next run starts over from what is on disk
            }
        }, "parmap-state-close");
        closer.setDaemon(true);
        closer.start();
    }
}
