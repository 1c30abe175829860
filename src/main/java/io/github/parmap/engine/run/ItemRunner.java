package io.github.parmap.engine.run;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import io.github.parmap.engine.processor.ProcessorCreationException;
import io.github.parmap.engine.processor.ProcessorDefinition;
import io.github.parmap.engine.support.Units;

/**
 * Where one worker's items run: the seam between the worker pool, which decides what to run, and the
 * processor. {@link #inThisJvm} runs a processor instance on the worker's thread; process isolation hands
 * each worker's items to a JVM of its own, without the pool changing.
 */
public interface ItemRunner {
    /**
     * Runs the processor on one item: its outputs go to the item's staging area, and are committed by the
     * worker only if this returns normally.
     *
     * @throws RunnerLostException if the runner can run no further item; the item fails with its
     *     {@linkplain RunnerLostException#failure() failure}, and the worker starts a new runner for its next
     * @throws Exception whatever the processor threw; it fails the item
     */
    void run(Item item) throws Exception;

    /** Ends the worker's use of the processor, once its last item is done. */
    void close() throws Exception;

    /** Starts the runner of each worker of a run; closed once the run's workers are done. */
    interface Factory extends AutoCloseable {
        /** @return the processor the runners run */
        ProcessorDefinition processor();

        /** @return the processor's name, for messages */
        default String processorName() {
            return processor().name();
        }

        /** @return the name of the logger the processor's messages are logged under: the processor's class */
        default String loggerName() {
            return processor().type().getName();
        }

        /**
         * @param context what the processor learns of its worker
         * @return the runner of one worker, started on that worker's first item that needs processing
         * @throws ProcessorCreationException if the processor cannot be started; the run starts no new item
         */
        ItemRunner start(ProcessorContext context) throws ProcessorCreationException;

        /** @return how the workers run, for the run's first line, such as {@code "4 worker JVMs (max heap 512 MB each)"} */
        String describe(int workers);

        /** Ends whatever the factory started that is still running. */
        @Override
        default void close() {}
    }

    /** @return runners that create one instance of the processor per worker, in this JVM */
    static Factory inThisJvm(ProcessorDefinition processor) {
        return new Factory() {
            @Override
            public ProcessorDefinition processor() {
                return processor;
            }

            @Override
            public String describe(int workers) {
                return workers + " worker" + Units.plural(workers);
            }

            @Override
            public ItemRunner start(ProcessorContext context) throws ProcessorCreationException {
                ItemProcessor instance = processor.create(context);
                return new ItemRunner() {
                    @Override
                    public void run(Item item) throws Exception {
                        instance.process(item);
                    }

                    @Override
                    public void close() throws Exception {
                        instance.close();
                    }
                };
            }
        };
    }
}
