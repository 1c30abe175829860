package io.github.parmap.engine.isolation;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every worker JVM this JVM started and that may still run, so that none outlives the build: a build
 * stopped with Ctrl-C or SIGTERM kills them in its shutdown hook. (A build killed with SIGKILL runs no
 * hook; its workers notice on their own that it is gone.)
 */
final class WorkerProcesses {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Thread hook = new Thread(() -> LIVE.forEach(WorkerProcesses::kill), "parmap-worker-reaper");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private WorkerProcesses() {}

    static void started(Process process) {
        LIVE.add(process);
    }

    static void ended(Process process) {
        LIVE.remove(process);
    }

    /** @return how many worker JVMs started here may still be running */
    static int live() {
        LIVE.removeIf(process -> !process.isAlive());
        return LIVE.size();
    }

    /** Kills a worker and, first, what it started, so that nothing is left re-parented and running. */
    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LIVE.remove(process);
    }
}
