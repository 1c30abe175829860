package io.github.parmap.engine.support;


/**
 * A configuration value that cannot be used. The message names the parameter, the rejected value and the
 * accepted forms, so that it can be shown to a user as it is.
 */
public final class InvalidConfigurationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String value;

    /**
     * @param parameter the public name of the parameter, for example {@code workers}
     * @param value the rejected value as the user gave it
     * @param expectation what the parameter accepts, phrased to follow "must be", for example
     *     {@code "a positive integer"}
     */
    public InvalidConfigurationException(String parameter, String value, String expectation) {
        super("<" + parameter + "> must be " + expectation + ", was: " + (value == null ? "(empty)" : "'" + value + "'"));
        this.parameter = parameter;
        this.value = value;
    }

    /** @return the public name of the rejected parameter */
    public String parameter() {
        return parameter;
    }

    /** @return the rejected value, or {@code null} when none was given */
    public String value() {
        return value;
    }
}
