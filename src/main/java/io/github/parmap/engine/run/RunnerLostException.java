package io.github.parmap.engine.run;

/**
 * Thrown by {@link ItemRunner#run} when the runner can take no further item, such as a worker JVM that
 * ended: the item fails with {@link #failure()}, and the worker starts a fresh runner for its next item.
 */
public final class RunnerLostException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param failure what the item fails with: how the runner was lost, or what the processor threw before */
    public RunnerLostException(Throwable failure) {
        super(failure.getMessage(), failure);
    }

    /** @return what the item fails with */
    public Throwable failure() {
        return getCause();
    }
}
