package io.github.parmap.maven;

import java.util.Optional;
import java.util.Set;

/** The user properties of the {@code process} goal, in one place: each is {@code parmap.<parameter>}. */
final class PropertyNames {
    static final String WORKERS = "parmap.workers";
    static final String FAIL_FAST = "parmap.failFast";
    static final String SKIP = "parmap.skip";
    static final String FORCE = "parmap.force";
    static final String EXPLAIN = "parmap.explain";
    static final String ITEM_TIMEOUT = "parmap.itemTimeout";
    static final String INCREMENTAL = "parmap.incremental";
    static final String CACHE = "parmap.cache";
    static final String CACHE_DIRECTORY = "parmap.cacheDirectory";
    static final String CACHE_MAX_SIZE = "parmap.cacheMaxSize";
    static final String REMOTE_CACHE_URL = "parmap.remoteCacheUrl";
    static final String REMOTE_CACHE_PUSH = "parmap.remoteCachePush";
    static final String REMOTE_CACHE_SERVER_ID = "parmap.remoteCacheServerId";
    static final String REMOTE_CACHE_TIMEOUT = "parmap.remoteCacheTimeout";
    static final String REMOTE_CACHE_ALLOW_INSECURE_PROTOCOL = "parmap.remoteCacheAllowInsecureProtocol";
    static final String SHARD = "parmap.shard";
    static final String INPUT_DIRECTORY = "parmap.inputDirectory";
    static final String INCLUDES = "parmap.includes";
    static final String EXCLUDES = "parmap.excludes";
    static final String OUTPUT_DIRECTORY = "parmap.outputDirectory";
    static final String ADD_RESOURCES = "parmap.addResources";
    static final String PROCESSOR = "parmap.processor";
    static final String PROCESSOR_SOURCE = "parmap.processorSource";
    static final String EXTRA_INPUTS = "parmap.extraInputs";
    /** Followed by a processor parameter's name: {@code -Dparmap.parameter.level=9}. */
    static final String PARAMETER_PREFIX = "parmap.parameter.";
    static final String ISOLATION = "parmap.isolation";
    static final String MAX_ITEMS_PER_WORKER = "parmap.maxItemsPerWorker";
    static final String WORKER_ARG_LINE = "parmap.workerArgLine";

    private static final Set<String> ALL = Set.of(WORKERS, FAIL_FAST, SKIP, FORCE, EXPLAIN, ITEM_TIMEOUT, INCREMENTAL, CACHE, CACHE_DIRECTORY,
            CACHE_MAX_SIZE, REMOTE_CACHE_URL, REMOTE_CACHE_PUSH, REMOTE_CACHE_SERVER_ID, REMOTE_CACHE_TIMEOUT,
            REMOTE_CACHE_ALLOW_INSECURE_PROTOCOL, SHARD, ISOLATION, MAX_ITEMS_PER_WORKER, WORKER_ARG_LINE, INPUT_DIRECTORY, INCLUDES, EXCLUDES,
            OUTPUT_DIRECTORY, ADD_RESOURCES, PROCESSOR, PROCESSOR_SOURCE, EXTRA_INPUTS);

    private PropertyNames() {}

    /** @return the user property of a parameter, if it has one */
    static Optional<String> of(String parameter) {
        String property = "parmap." + parameter;
        return ALL.contains(property) ? Optional.of(property) : Optional.empty();
    }
}
