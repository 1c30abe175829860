package io.github.parmap.maven;

import io.github.parmap.engine.report.ItemFailure;
import io.github.parmap.engine.report.ProcessingResult;
import io.github.parmap.engine.report.ProcessorFailure;
import io.github.parmap.engine.support.PrintablePaths;
import org.apache.maven.plugin.MojoFailureException;

/** Turns a failed run into the one exception Maven shows: every failure named, stack traces kept for {@code -e}. */
final class FailureReport {
    /** How many failed items are listed by name before the rest are only counted. */
    static final int LISTED_FAILURES = 20;

    private FailureReport() {}

    static MojoFailureException toException(ProcessingResult result, String processorName) {
        StringBuilder message = new StringBuilder();
        for (ProcessorFailure failure : result.processorFailures()) {
            appendLine(message, failure.message());
        }
        if (!result.failures().isEmpty()) {
            appendLine(message, result.failures().size() + " of " + result.itemCount() + " file" + (result.itemCount() == 1 ? "" : "s")
                    + " failed in processor " + processorName + ":");
            int listed = Math.min(LISTED_FAILURES, result.failures().size());
            for (ItemFailure failure : result.failures().subList(0, listed)) {
                message.append(System.lineSeparator()).append("  ").append(failure.describe());
            }
            if (result.failures().size() > listed) {
                message.append(System.lineSeparator()).append("  ... and ").append(result.failures().size() - listed).append(" more");
            }
        }
        if (result.notStarted() > 0) {
            appendLine(message, result.notStarted() + " file" + (result.notStarted() == 1 ? " was" : "s were") + " not started: "
                    + (result.processorFailures().isEmpty() ? "the run stopped at the first failure" : "the run stopped when the processor failed"));
        }
        MojoFailureException exception = new MojoFailureException(message.toString());
        for (ProcessorFailure failure : result.processorFailures()) {
            exception.addSuppressed(new ItemFailedException(failure.message(), failure.cause()));
        }
        for (ItemFailure failure : result.failures()) {
            exception.addSuppressed(new ItemFailedException(PrintablePaths.printable(failure.relativePath()), failure.cause()));
        }
        return exception;
    }

    private static void appendLine(StringBuilder message, String line) {
        if (message.length() > 0) {
            message.append(System.lineSeparator());
        }
        message.append(line);
    }

    /** Carries one failure's stack trace, labelled with the file or processor it belongs to, for {@code mvn -e}. */
    static final class ItemFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        ItemFailedException(String label, Throwable cause) {
            super(label, cause, false, false);
        }
    }
}
