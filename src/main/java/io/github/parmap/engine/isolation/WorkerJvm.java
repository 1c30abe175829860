package io.github.parmap.engine.isolation;

import io.github.parmap.engine.support.CodeLocations;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * How worker JVMs are started with process isolation: the {@code java} launcher, the class path the
 * processor's code comes from, and the JVM options from {@code workerArgLine}.
 *
 * <p>Without a heap option of the user's, each worker gets a max heap so that all workers together take
 * at most {@linkplain #HEAP_SHARE_PERCENT a quarter} of physical memory (the container's limit in a
 * container), the share a single JVM takes by default; the build's own JVM keeps its share beside them.
 *
 * @param java the {@code java} launcher
 * @param classpath the processor's class path; parmap's own classes are added in front if missing
 * @param options JVM options, such as {@code -Xmx512m} and {@code -Dkey=value}, in the order given
 */
public record WorkerJvm(Path java, List<Path> classpath, List<String> options) {
    /** All workers' heaps together, as a share of physical memory, unless {@code workerArgLine} sets a heap. */
    public static final int HEAP_SHARE_PERCENT = 25;
    /** Below this, a worker heap is too small to be of use; it is given this much anyway. */
    private static final long MIN_HEAP_BYTES = 64L << 20;

    public WorkerJvm {
        classpath = List.copyOf(classpath);
        options = List.copyOf(options);
    }

    /** @return worker JVMs started with the launcher of the JVM this runs in */
    public static WorkerJvm of(List<Path> classpath, List<String> options) {
        return new WorkerJvm(Path.of(System.getProperty("java.home"), "bin", "java"), classpath, options);
    }

    /** @return whether the options set the heap size themselves */
    public boolean setsHeap() {
        return options.stream().anyMatch(option -> option.startsWith("-Xmx") || option.startsWith("-XX:MaxHeapSize=")
                || option.startsWith("-XX:MaxRAM") || option.startsWith("-XX:MaxRAMPercentage="));
    }

    /** @return the max heap each of that many workers is given, or empty when the options set it or memory is unknown */
    public OptionalLong maxHeapBytes(int workers) {
        if (setsHeap()) {
            return OptionalLong.empty();
        }
        long physical = physicalMemory();
        if (physical <= 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(MIN_HEAP_BYTES, physical / 100 * HEAP_SHARE_PERCENT / Math.max(1, workers)));
    }

    /** @return the JVM options a worker of that many starts with: the heap, then the user's options */
    List<String> jvmOptions(int workers, Path crashReportDirectory) {
        List<String> all = new ArrayList<>();
        maxHeapBytes(workers).ifPresent(bytes -> all.add("-Xmx" + (bytes >> 20) + "m"));
        // Named so that a crashed worker's message can point at its report.
        all.add("-XX:ErrorFile=" + crashReportDirectory.resolve("parmap-worker-hs_err_pid%p.log"));
        all.add("-XX:-UsePerfData");
        all.addAll(options);
        return all;
    }

    /** @return the class path with parmap's own classes, which hold the worker's main class, first */
    List<Path> fullClasspath() {
        Set<Path> entries = new LinkedHashSet<>();
        entries.add(CodeLocations.of(WorkerMain.class));
        entries.addAll(classpath);
        return List.copyOf(entries);
    }

    private static long physicalMemory() {
        try {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                return os.getTotalMemorySize();
            }
        } catch (LinkageError | RuntimeException notAvailable) {
            // a JVM without the jdk.management module: no default heap, the JVM's own default applies
        }
        return -1;
    }
}
