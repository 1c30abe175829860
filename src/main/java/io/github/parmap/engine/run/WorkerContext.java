package io.github.parmap.engine.run;

import io.github.parmap.ProcessorContext;
import java.nio.file.Path;
import java.util.Map;

/** The {@link ProcessorContext} of one worker. */
public record WorkerContext(
        Map<String, String> parameters,
        int workerIndex,
        int workers,
        Path inputDirectory,
        Path outputDirectory,
        System.Logger logger) implements ProcessorContext {}
