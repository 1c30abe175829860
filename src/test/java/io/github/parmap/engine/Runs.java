package io.github.parmap.engine;

import io.github.parmap.engine.processor.ProcessorDefinition;
import io.github.parmap.engine.processor.ProcessorLoadException;
import io.github.parmap.engine.processor.ProcessorResolver;
import io.github.parmap.engine.report.ProcessingResult;
import java.nio.file.Path;
import java.util.Map;

/** Shortcuts to run the engine over a temporary folder. */
public final class Runs {
    private Runs() {}

    public static ProcessingRequest.Builder request(Path input, Path output, Class<?> processor) {
        try {
            return ProcessingRequest.builder(input, output, ProcessorDefinition.of(processor.getSimpleName(), processor))
                    .workers(1);
        } catch (ProcessorLoadException e) {
            throw new AssertionError("test processor " + processor.getName() + " is unusable: " + e.getMessage(), e);
        }
    }

    public static ProcessingResult run(Path input, Path output, Class<?> processor, int workers) throws Exception {
        return ParallelRun.execute(request(input, output, processor).workers(workers).build());
    }

    public static ProcessingResult runBuiltin(Path input, Path output, String builtin, Map<String, String> parameters, int workers)
            throws Exception {
        ProcessorDefinition definition = ProcessorResolver.resolve(builtin, Runs.class.getClassLoader());
        return ParallelRun.execute(ProcessingRequest.builder(input, output, definition)
                .parameters(parameters).workers(workers).build());
    }
}
