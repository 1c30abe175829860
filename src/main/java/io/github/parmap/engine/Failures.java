package io.github.parmap.engine;

/** Turns a processor's exception into the short text shown to users. */
final class Failures {
    private Failures() {}

    /**
     * @param thrown what a processor threw
     * @return the exception's simple class name and message, for example
     *     {@code "NumberFormatException: For input string: \"x\""}; the message alone for parmap's own
     *     {@link PlainMessageException}
     */
    static String describe(Throwable thrown) {
        String message = thrown.getMessage();
        if (message == null || message.isBlank()) {
            return thrown.getClass().getSimpleName();
        }
        if (thrown instanceof PlainMessageException) {
            return message;
        }
        return thrown.getClass().getSimpleName() + ": " + message;
    }
}
