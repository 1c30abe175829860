package io.github.parmap.engine;

import io.github.parmap.ProcessorContext;
import java.nio.file.Path;
import java.util.Map;

/** The {@link ProcessorContext} of one worker. */
record WorkerContext(
        Map<String, String> parameters,
        int workerIndex,
        int workers,
        Path inputDirectory,
        Path outputDirectory,
        System.Logger logger) implements ProcessorContext {}
