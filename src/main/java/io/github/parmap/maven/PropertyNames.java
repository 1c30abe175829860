package io.github.parmap.maven;

/** The user properties of the {@code process} goal, in one place: each is {@code parmap.<parameter>}. */
final class PropertyNames {
    static final String WORKERS = "parmap.workers";
    static final String FAIL_FAST = "parmap.failFast";
    static final String SKIP = "parmap.skip";
    static final String FORCE = "parmap.force";
    static final String ITEM_TIMEOUT = "parmap.itemTimeout";
    static final String INCREMENTAL = "parmap.incremental";

    private PropertyNames() {}
}
