package io.github.parmap.engine.isolation;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Worker JVMs whose run has ended, kept for a few seconds for the next execution or module of the same build
 * whose workers would start the same way: the same launcher, JVM options and class path. Starting a worker
 * JVM costs more than a small execution's work; a build with many executions of one processor starts its
 * workers once.
 */
final class IdleWorkers {
    /** How long an idle worker waits for another run before it is let go. */
    static final long IDLE_MILLIS = 10_000;

    /** How a worker JVM was started: only a run that would start its workers the same way may take it. */
    record Key(Path java, List<String> options, List<Path> classpath) {}

    private static final Map<Key, Deque<WorkerProcess>> IDLE = new LinkedHashMap<>();
    private static final ScheduledExecutorService REAPER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "parmap-idle-workers");
        thread.setDaemon(true);
        return thread;
    });

    private IdleWorkers() {}

    /** @return an idle worker started this way and still running, or {@code null} */
    static synchronized WorkerProcess take(Key key) {
        Deque<WorkerProcess> idle = IDLE.get(key);
        while (idle != null && !idle.isEmpty()) {
            WorkerProcess worker = idle.pollFirst();
            if (worker.isAlive()) {
                return worker;
            }
        }
        return null;
    }

    /** Keeps a worker whose processor is closed for the next run started the same way, or lets it go after a while. */
    static void give(Key key, WorkerProcess worker) {
        synchronized (IdleWorkers.class) {
            IDLE.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(worker);
        }
        REAPER.schedule(() -> {
            boolean stillIdle;
            synchronized (IdleWorkers.class) {
                Deque<WorkerProcess> idle = IDLE.get(key);
                stillIdle = idle != null && idle.remove(worker);
            }
            if (stillIdle) {
                worker.release();
            }
        }, IDLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * @return why a run that starts workers this way finds none of the idle ones fit, or {@code null} when
     *     none are idle or one fits
     */
    static synchronized String whyNoneFits(Key key) {
        List<String> reasons = new ArrayList<>();
        for (Map.Entry<Key, Deque<WorkerProcess>> entry : IDLE.entrySet()) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            Key other = entry.getKey();
            if (other.equals(key)) {
                return null;
            }
            String reason = !other.classpath().equals(key.classpath()) ? "another class path"
                    : !other.options().equals(key.options()) ? "other JVM options (" + String.join(" ", other.options()) + ")"
                    : "another java launcher (" + other.java() + ")";
            reasons.add(entry.getValue().size() + " with " + reason);
        }
        return reasons.isEmpty() ? null : String.join(", ", reasons);
    }

    /** Lets every idle worker go now. */
    static void releaseAll() {
        List<WorkerProcess> all = new ArrayList<>();
        synchronized (IdleWorkers.class) {
            IDLE.values().forEach(all::addAll);
            IDLE.clear();
        }
        all.forEach(WorkerProcess::release);
    }
}
