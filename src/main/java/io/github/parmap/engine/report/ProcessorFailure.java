package io.github.parmap.engine.report;


/**
 * A processor instance that could not be created or closed; fails the run whatever happened to the items.
 *
 * @param message what went wrong, naming the processor
 * @param cause what the processor threw
 */
public record ProcessorFailure(String message, Throwable cause) {}
