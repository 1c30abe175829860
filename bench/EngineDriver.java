import io.github.parmap.engine.ParallelRun;
import io.github.parmap.engine.ProcessingRequest;
import io.github.parmap.engine.processor.ProcessorDefinition;
import io.github.parmap.engine.processor.ProcessorResolver;
import io.github.parmap.engine.report.ProcessingResult;
import io.github.parmap.engine.state.Incremental;
import io.github.parmap.engine.support.RunLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The engine alone, without Maven: runs one workload several times in one JVM through
 * {@link ParallelRun#execute}, the call the Maven goal makes, and prints the first run's time (a JVM that
 * has run nothing before) and the median of the others (the same code once the JIT has compiled it).
 *
 * <pre>java -cp DIR:PLUGIN_JAR[:LIBRARIES] EngineDriver gzip|resize-image|noop|builtin:NAME INPUT WORK WORKERS RUNS [PARAMETER=VALUE...]</pre>
 *
 * {@code gzip}: the built-in at level 6, incremental builds off, the output directory emptied before each
 * run. {@code resize-image}: the same way, thumbnails that fit 400 × 400 at JPEG quality 85 (what
 * {@code vipsthumbnail -s 400} makes; the class path then needs the built-in's TwelveMonkeys jars).
 * {@code builtin:NAME}: the built-in of that name with the parameters given, as {@code gzip} (the class path
 * needs its libraries). {@code noop}: the built-in {@code copy} with incremental builds on; one untimed run
 * records the state, then every timed run finds all files up to date. Prints {@code cold=<s>} and
 * {@code seconds=<s>} (the warm median), and {@code cpu=<s>}: the warm median of the CPU time the JVM spent in
 * each run.
 */
public final class EngineDriver {
    public static void main(String[] args) throws Exception {
        String workload = args[0];
        Path input = Path.of(args[1]);
        Path work = Path.of(args[2]);
        int workers = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        Path output = work.resolve("out");
        Path state = work.resolve("state");
        boolean noop = workload.equals("noop");
        String builtin = noop ? "copy" : workload.startsWith("builtin:") ? workload.substring("builtin:".length()) : workload;
        ProcessorDefinition processor = ProcessorResolver.resolve(builtin, EngineDriver.class.getClassLoader());
        Map<String, String> parameters = new java.util.TreeMap<>(switch (workload) {
            case "gzip" -> Map.of("level", "6");
            case "resize-image" -> Map.of("width", "400", "height", "400", "quality", "85");
            default -> Map.<String, String>of();
        });
        for (String parameter : Arrays.copyOfRange(args, 5, args.length)) {
            parameters.put(parameter.substring(0, parameter.indexOf('=')), parameter.substring(parameter.indexOf('=') + 1));
        }
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        com.sun.management.OperatingSystemMXBean cpuClock = (com.sun.management.OperatingSystemMXBean) os;
        delete(output);
        delete(state);
        if (noop) {
            run(input, output, processor, parameters, workers, state); // records the state the timed runs find
        }
        double[] seconds = new double[runs];
        double[] cpu = new double[runs];
        for (int run = 0; run < runs; run++) {
            if (!noop) {
                delete(output);
            }
            long start = System.nanoTime();
            long cpuStart = cpuClock.getProcessCpuTime();
            ProcessingResult result = run(input, output, processor, parameters, workers, noop ? state : null);
            seconds[run] = (System.nanoTime() - start) / 1e9;
            cpu[run] = (cpuClock.getProcessCpuTime() - cpuStart) / 1e9;
            int expected = noop ? result.upToDate() : result.processed();
            if (expected != result.itemCount() || !result.succeeded()) {
                throw new IllegalStateException(workload + " run " + (run + 1) + ": " + result);
            }
        }
        System.out.printf(Locale.ROOT, "cold=%.6f%nseconds=%.6f%ncpu=%.6f%n", seconds[0], warmMedian(seconds), warmMedian(cpu));
    }

    /** @return the median of the runs after the first, or the first if there is no other */
    private static double warmMedian(double[] runs) {
        double[] warm = Arrays.copyOfRange(runs, 1, runs.length);
        Arrays.sort(warm);
        return warm.length == 0 ? runs[0] : warm.length % 2 == 1 ? warm[warm.length / 2]
                : (warm[warm.length / 2 - 1] + warm[warm.length / 2]) / 2;
    }

    private static ProcessingResult run(Path input, Path output, ProcessorDefinition processor, Map<String, String> parameters,
            int workers, Path state) throws Exception {
        ProcessingRequest.Builder request = ProcessingRequest.builder(input, output, processor).parameters(parameters)
                .workers(workers).log(RunLog.silent());
        if (state != null) {
            request.incremental(new Incremental(state, "engine-driver", false));
        }
        return ParallelRun.execute(request.build());
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
