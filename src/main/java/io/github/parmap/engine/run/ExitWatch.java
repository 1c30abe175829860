package io.github.parmap.engine.run;

import io.github.parmap.engine.support.PrintablePaths;
import io.github.parmap.engine.support.RunLog;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes a {@code System.exit} during a run loud. In the build's own JVM nothing can refuse an exit (the
 * security manager that could is gone): the JVM runs its shutdown hooks and ends with the status given, so a
 * processor's {@code System.exit(0)} would end Maven with status 0, no BUILD line and nothing packaged, and a CI
 * job would pass.
 *
 * <p>While runs are active, one shutdown hook looks at the thread that started the shutdown. An exit requested
 * by Java code (not a stop by Ctrl-C or SIGTERM, which keep their status 130 or 143 and their behaviour) gets
 * one ERROR per active run naming the processor, the code that called exit and the files in flight; the run's
 * staging area is removed, and when the status was 0, or cannot be known, the JVM is halted with status 1.
 *
 * <p>A shutdown hook is not told the status. Java 21 and later log every {@code Runtime.exit} with its status
 * to the {@code System.Logger} named {@code java.lang.Runtime}; {@link ExitStatusListener} listens there while
 * runs are active. On Java 17 the status stays unknown.
 *
 * <p>Not caught: {@code Runtime.halt} and a crash of the JVM run no shutdown hook.
 */
public final class ExitWatch implements AutoCloseable {
    /** The status a build ends with when the processor's exit would have passed it. */
    static final int FAILED_STATUS = 1;

    // Guarded by ExitWatch.class.
    private static final Set<ExitWatch> ACTIVE = new LinkedHashSet<>();
    private static Thread hook;
    private static ExitStatusListener statusListener;

    private final String processorName;
    private final List<Worker> workers;
    private final RunLog log;
    private final Runnable beforeHalt;

    private ExitWatch(String processorName, List<Worker> workers, RunLog log, Runnable beforeHalt) {
        this.processorName = processorName;
        this.workers = workers;
        this.log = log;
        this.beforeHalt = beforeHalt;
    }

    /**
     * @param processorName the processor as messages name it
     * @param workers the run's workers, a list safe to read from another thread while the run adds to it
     * @param log where the ERROR goes
     * @param beforeHalt what must happen before the JVM is halted, as the hooks it cuts short would have done
     * @return the watch, active until closed
     */
    static ExitWatch start(String processorName, List<Worker> workers, RunLog log, Runnable beforeHalt) {
        ExitWatch watch = new ExitWatch(processorName, workers, log, beforeHalt);
        synchronized (ExitWatch.class) {
            if (ACTIVE.isEmpty()) {
                Thread newHook = new Thread(ExitWatch::onShutdown, "parmap-exit-watch");
                try {
                    Runtime.getRuntime().addShutdownHook(newHook);
                } catch (IllegalStateException shuttingDown) {
                    return watch; // the JVM is exiting already: nothing left to watch
                }
                hook = newHook;
                statusListener = ExitStatusListener.install();
            }
            ACTIVE.add(watch);
        }
        return watch;
    }

    @Override
    public void close() {
        synchronized (ExitWatch.class) {
            if (!ACTIVE.remove(this) || !ACTIVE.isEmpty()) {
                return;
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs or has run
            }
            if (statusListener != null) {
                statusListener.uninstall();
            }
            hook = null;
            statusListener = null;
        }
    }

    private static void onShutdown() {
        List<ExitWatch> runs;
        ExitStatusListener listener;
        synchronized (ExitWatch.class) {
            runs = List.copyOf(ACTIVE);
            listener = statusListener;
        }
        ExitCall call = runs.isEmpty() ? null : ExitCall.find(Thread.getAllStackTraces());
        if (call == null) {
            return; // a signal, or the last thread ended: not a processor's exit
        }
        Integer status = listener == null ? null : listener.statusOf(call.thread());
        for (ExitWatch run : runs) {
            String message = run.describe(call, status);
            try {
                run.log.log(Level.ERROR, message, null);
            } catch (RuntimeException logClosed) {
                // Maven 4 closes its terminal in a shutdown hook of its own, which may run first: the message
                // then goes straight to the process's standard error, in Maven's format.
                new PrintStream(new FileOutputStream(FileDescriptor.err), true, Charset.defaultCharset()).println("[ERROR] " + message);
            }
        }
        for (ExitWatch run : runs) {
            try {
                run.beforeHalt.run();
            } catch (RuntimeException ignored) {
                // the next run removes what is left
            }
        }
        System.out.flush();
        System.err.flush();
        if (status == null || status == 0) {
            Runtime.getRuntime().halt(FAILED_STATUS);
        }
    }

    String describe(ExitCall call, Integer status) {
        StringBuilder message = new StringBuilder("The JVM is exiting: ")
                .append(status == null ? "System.exit (its status is unknown: only Java 21 and later tell it)" : "System.exit(" + status + ")")
                .append(" was called");
        if (call.caller() != null) {
            StackTraceElement caller = call.caller();
            message.append(" at ").append(caller.getClassName()).append('.').append(caller.getMethodName()).append('(')
                    .append(caller.getFileName() == null ? "unknown source" : caller.getFileName())
                    .append(caller.getLineNumber() > 0 ? ":" + caller.getLineNumber() : "").append(')');
        }
        Set<String> inFlight = new TreeSet<>();
        String exitingFile = null;
        boolean fromThisRun = false;
        for (Worker worker : new ArrayList<>(workers)) {
            String file = worker.fileInFlight();
            if (file != null) {
                inFlight.add(PrintablePaths.printable(file));
            }
            if (worker.runsOn(call.thread())) {
                fromThisRun = true;
                exitingFile = file;
            }
        }
        if (fromThisRun) {
            message.append(" by processor ").append(processorName);
            if (exitingFile != null) {
                message.append(" on ").append(PrintablePaths.printable(exitingFile));
            }
            message.append(inFlight.isEmpty() ? " (no file in flight: it was being created or closed)" : "; files in flight: ");
        } else {
            message.append(" on thread '").append(call.thread().getName()).append("' while processor ").append(processorName)
                    .append(inFlight.isEmpty() ? " was running (no file in flight)" : " had files in flight: ");
        }
        message.append(String.join(", ", inFlight)).append(". Maven cannot finish the build: no BUILD line follows and what comes "
                + "after this plugin (packaging, tests) does not run. ");
        if (status == null) {
            message.append("parmap ends the build with exit status ").append(FAILED_STATUS).append(" so that it does not pass. ");
        } else if (status == 0) {
            message.append("parmap ends the build with exit status ").append(FAILED_STATUS).append(" instead of 0 so that it does not pass. ");
        } else {
            message.append("The build ends with exit status ").append(status).append(". ");
        }
        message.append("A processor that ends the JVM cannot run in the build's own JVM: remove the exit call, or set "
                + "<isolation>process</isolation>, which runs the processor in JVMs of its own, where an exit fails only its file.");
        return message.toString();
    }

    /**
     * The thread that asked the JVM to exit from Java code, and the frame that called {@code System.exit} or
     * {@code Runtime.exit} (or {@code null} if none is visible).
     */
    record ExitCall(Thread thread, StackTraceElement caller) {

        /**
         * @param stacks every live thread's stack, taken during the shutdown
         * @return the call that runs the shutdown hooks, or {@code null} when the shutdown comes from a signal
         *     (whose handler thread calls {@code Shutdown.exit} from {@code java.lang.Terminator}) or from the
         *     last non-daemon thread ending
         */
        static ExitCall find(Map<Thread, StackTraceElement[]> stacks) {
            for (Map.Entry<Thread, StackTraceElement[]> entry : stacks.entrySet()) {
                StackTraceElement[] frames = entry.getValue();
                int exit = shutdownExitRunningHooks(frames);
                if (exit < 0) {
                    continue;
                }
                int caller = exit + 1;
                while (caller < frames.length && isExitMethod(frames[caller])) {
                    caller++;
                }
                if (caller < frames.length && isSignalHandler(frames[caller])) {
                    return null;
                }
                return new ExitCall(entry.getKey(), caller < frames.length ? frames[caller] : null);
            }
            return null;
        }

        /** @return the index of {@code Shutdown.exit} in a thread that runs the hooks from it, or -1 */
        private static int shutdownExitRunningHooks(StackTraceElement[] frames) {
            boolean runsHooks = false;
            for (int i = 0; i < frames.length; i++) {
                if (frames[i].getClassName().equals("java.lang.Shutdown")) {
                    if (frames[i].getMethodName().equals("runHooks")) {
                        runsHooks = true;
                    } else if (frames[i].getMethodName().equals("exit")) {
                        return runsHooks ? i : -1;
                    }
                }
            }
            return -1;
        }

        private static boolean isExitMethod(StackTraceElement frame) {
            return frame.getMethodName().equals("exit")
                    && (frame.getClassName().equals("java.lang.Runtime") || frame.getClassName().equals("java.lang.System"));
        }

        private static boolean isSignalHandler(StackTraceElement frame) {
            return frame.getClassName().startsWith("java.lang.Terminator") || frame.getClassName().startsWith("jdk.internal.misc.Signal");
        }
    }
}
