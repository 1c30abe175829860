package io.github.parmap.engine;

import io.github.parmap.engine.processor.ProcessorResolver;
import io.github.parmap.engine.report.ProcessingResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the built-in {@code resize-image} in a JVM of its own, started by {@link ResizeImagePixelBudgetTest}
 * with a small heap. Arguments: input directory, output directory, then {@code name=value} parameters.
 * Prints the result and exits 0 when every item succeeded.
 */
final class ResizeImageMain {
    private ResizeImageMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            parameters.put(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
        }
        System.out.println("max heap: " + Runtime.getRuntime().maxMemory() + " bytes");
        ProcessingResult result = ParallelRun.execute(ProcessingRequest.builder(Path.of(args[0]), Path.of(args[1]),
                ProcessorResolver.resolve("resize-image", ResizeImageMain.class.getClassLoader())).parameters(parameters).workers(1).build());
        System.out.println(result);
        System.exit(result.succeeded() && result.processed() == result.itemCount() ? 0 : 1);
    }
}
