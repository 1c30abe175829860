package io.github.parmap.engine.isolation;

import io.github.parmap.Item;
import io.github.parmap.ProcessorContext;
import io.github.parmap.engine.processor.ProcessorCreationException;
import io.github.parmap.engine.processor.ProcessorDefinition;
import io.github.parmap.engine.run.ItemRunner;
import io.github.parmap.engine.support.FileTrees;
import io.github.parmap.engine.support.PlainMessageException;
import io.github.parmap.engine.support.RunLog;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Process isolation: each worker runs its items in a JVM of its own, started on the worker's first item
 * and reused for the next ones, and, for a few seconds after the run, kept for the next run in this build
 * whose workers start the same way. The processor is created there from the same class path, by class name;
 * the build's JVM keeps the staging, the commits and the state.
 */
public final class ProcessIsolation implements ItemRunner.Factory {
    private final ProcessorDefinition processor;
    private final WorkerJvm jvm;
    private final int workers;
    private final RunLog log;
    private final Set<WorkerProcess> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicBoolean reported = new AtomicBoolean();
    private final int maxItemsPerWorker;
    private Path runDirectory;
    private Path argumentFile;

    /**
     * @param processor the processor, as resolved in the build's JVM
     * @param jvm how worker JVMs are started
     * @param workers how many workers the run has, which sets each one's default heap
     * @param maxItemsPerWorker after how many items a worker gets a fresh JVM, or 0 for never; with a limit,
     *     no worker JVM is kept for, or taken over from, another run
     * @param log where the workers' log lines, stdout and stderr go
     */
    public ProcessIsolation(ProcessorDefinition processor, WorkerJvm jvm, int workers, int maxItemsPerWorker, RunLog log) {
        this.processor = processor;
        this.jvm = jvm;
        this.workers = workers;
        this.maxItemsPerWorker = maxItemsPerWorker;
        this.log = log;
    }

    @Override
    public ProcessorDefinition processor() {
        return processor;
    }

    @Override
    public String describe(int count) {
        OptionalLong heap = jvm.maxHeapBytes(workers);
        return count + " worker JVM" + (count == 1 ? "" : "s")
                + (heap.isPresent() ? " (max heap " + (heap.getAsLong() >> 20) + " MB each)" : " (heap as <workerArgLine> sets it)");
    }

    @Override
    public ItemRunner start(ProcessorContext context) throws ProcessorCreationException {
        WorkerProcess reused = maxItemsPerWorker > 0 ? null : IdleWorkers.take(key());
        if (reused != null) {
            reused.adopt(context.workerIndex(), log);
            live.add(reused);
            try {
                ItemRunner runner = runner(startProcessor(reused, context));
                log.debug(() -> "worker " + context.workerIndex() + " takes over the idle worker JVM (pid " + reused.pid()
                        + ") of an earlier execution");
                return runner;
            } catch (ProcessorCreationException e) {
                if (reused.isAlive()) {
                    throw e; // the processor itself could not be created
                }
                log.debug(() -> "worker " + context.workerIndex() + ": the idle worker JVM taken over had ended; starting a new one");
            }
        } else if (started.get() == 0) {
            reportWhyNoIdleWorkerFits();
        }
        long launched = System.nanoTime();
        WorkerProcess worker;
        try {
            worker = WorkerProcess.launch(context.workerIndex(), command(), socket(), log, crashReportDirectory());
        } catch (IOException e) {
            throw new ProcessorCreationException(processor.name(), new PlainMessageException("its worker JVM did not start: " + e.getMessage()));
        }
        live.add(worker);
        startProcessor(worker, context);
        log.debug(() -> "worker " + context.workerIndex() + " runs in a JVM of its own, pid " + worker.pid() + ", started in "
                + (System.nanoTime() - launched) / 1_000_000 + " ms");
        return runner(worker);
    }

    private WorkerProcess startProcessor(WorkerProcess worker, ProcessorContext context) throws ProcessorCreationException {
        try {
            RemoteFailure failure = worker.startProcessor(processor.type().getName(), context, loggerName());
            if (failure != null) {
                live.remove(worker);
                throw new ProcessorCreationException(processor.name(), failure);
            }
            return worker;
        } catch (IOException e) {
            live.remove(worker);
            worker.kill();
            throw new ProcessorCreationException(processor.name(), new PlainMessageException("its worker JVM ended on start: " + e.getMessage()));
        }
    }

    /**
     * The runner of one worker. Closing it closes the processor, and keeps the worker JVM for the next run
     * started the same way, unless {@code maxItemsPerWorker} asks for fresh JVMs.
     */
    private ItemRunner runner(WorkerProcess worker) {
        return new ItemRunner() {
            @Override
            public void run(Item item) throws Exception {
                worker.run(item);
            }

            @Override
            public void close() throws Exception {
                live.remove(worker);
                boolean closed = false;
                try {
                    worker.closeProcessor();
                    closed = true;
                } finally {
                    if (closed && maxItemsPerWorker == 0) {
                        IdleWorkers.give(key(), worker);
                    } else {
                        worker.release();
                    }
                }
            }
        };
    }

    /** Idle worker JVMs of an earlier run that this run cannot take over: one line says why, once per run. */
    private void reportWhyNoIdleWorkerFits() {
        String why = IdleWorkers.whyNoneFits(key());
        if (why != null && reported.compareAndSet(false, true)) {
            log.info("Starting new worker JVMs: the idle ones of an earlier execution were started differently (" + why + ")");
        }
    }

    /** How this run's workers start; idle workers started the same way are taken over. */
    private IdleWorkers.Key key() {
        return new IdleWorkers.Key(jvm.java(), jvm.jvmOptions(workers, crashReportDirectory()), jvm.fullClasspath());
    }

    /** Lets go at once of every worker JVM kept idle for a next run, rather than when it has waited long enough. */
    public static void releaseIdleWorkers() {
        IdleWorkers.releaseAll();
    }

    /** Kills any worker JVM still running: after a failed or interrupted run, none may be left behind. */
    @Override
    public void close() {
        for (WorkerProcess worker : live) {
            worker.kill();
        }
        live.clear();
        if (runDirectory != null) {
            try {
                FileTrees.deleteTree(runDirectory);
            } catch (IOException e) {
                log.warn("Could not remove the worker JVMs' directory " + runDirectory + ": " + e.getMessage());
            }
        }
    }

    private synchronized Path runDirectory() throws IOException {
        if (runDirectory == null) {
            // Short and private: a socket path has a length limit of about 100 bytes, and only this user may connect.
            runDirectory = Files.createTempDirectory("parmap-");
        }
        return runDirectory;
    }

    private Path socket() throws IOException {
        return runDirectory().resolve("w" + started.incrementAndGet() + ".sock");
    }

    private static Path crashReportDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** The launcher, the JVM options and the class path (in an argument file, which has no length limit), the main class. */
    private synchronized List<String> command() throws IOException {
        if (argumentFile == null) {
            StringBuilder classpath = new StringBuilder();
            for (Path entry : jvm.fullClasspath()) {
                if (classpath.length() > 0) {
                    classpath.append(File.pathSeparatorChar);
                }
                classpath.append(entry);
            }
            argumentFile = runDirectory().resolve("classpath.args");
            Files.writeString(argumentFile, "-cp \"" + classpath.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n",
                    StandardCharsets.UTF_8);
        }
        List<String> command = new ArrayList<>();
        command.add(jvm.java().toString());
        command.addAll(jvm.jvmOptions(workers, crashReportDirectory()));
        command.add("@" + argumentFile);
        command.add(WorkerMain.class.getName());
        return command;
    }
}
