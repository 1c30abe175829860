package io.github.parmap.engine.support;


/**
 * A mistake explained in words, whose message is shown to users alone, without the exception's type:
 * an output path a processor may not use, or a built-in processor's parameter that it cannot accept.
 */
public class PlainMessageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message the whole explanation, naming the value and what is accepted */
    public PlainMessageException(String message) {
        super(message);
    }
}
