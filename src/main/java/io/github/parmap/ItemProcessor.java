package io.github.parmap;

/**
 * Turns one input file into zero or more output files.
 *
 * <p>parmap creates one instance per worker thread and calls {@link #process(Item)} for each item that the
 * worker takes, one at a time, so an implementation need not be thread-safe. An instance is created
 * through a public constructor taking a {@link ProcessorContext}, or else a public no-argument constructor.
 *
 * <p>A minimal processor that writes an upper-case copy of every text file:
 *
 * <pre>{@code
 * public class UpperCase implements ItemProcessor {
 *     public void process(Item item) throws IOException {
 *         String text = Files.readString(item.path());
 *         Files.writeString(item.output(), text.toUpperCase(Locale.ROOT));
 *     }
 * }
 * }</pre>
 *
 * <p>Outputs are requested through {@link Item#output(String)} and become visible in the output directory
 * only when {@code process} returns normally. When it throws an exception, the item fails, nothing it wrote
 * is kept, the other items go on, and the build then reports the item's relative path with the exception's
 * type and message. When it throws an {@link Error} such as {@link OutOfMemoryError}, the item fails the
 * same way and no further item is started, since the JVM may be unfit to go on.
 *
 * <p>Write messages through {@link ProcessorContext#logger()}, not {@code System.out}: the logger's lines
 * reach the Maven log whole and at the right level.
 */
public interface ItemProcessor extends AutoCloseable {

    /**
     * Processes one input file.
     *
     * @param item the input file and the means to write its outputs
     * @throws Exception any failure; the item is reported as failed and none of its outputs are kept
     */
    void process(Item item) throws Exception;

    /**
     * Releases what this instance holds. Called once per instance, on the worker thread that used it,
     * at the end of the run, also when some of its items failed. Does nothing unless overridden.
     *
     * @throws Exception any failure; the build fails with a message naming the processor class (the
     *     outputs of the items that succeeded are kept)
     */
    @Override
    default void close() throws Exception {}
}
