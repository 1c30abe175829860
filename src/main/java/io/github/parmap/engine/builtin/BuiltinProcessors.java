package io.github.parmap.engine.builtin;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The built-in processors by short name. */
public final class BuiltinProcessors {
    private static final Map<String, Class<?>> BY_NAME = Map.of(
            "copy", CopyProcessor.class,
            "gzip", GzipProcessor.class);

    private BuiltinProcessors() {}

    /**
     * @param name a short name such as {@code gzip}
     * @return the built-in's class, if there is one of that name
     */
    public static Optional<Class<?>> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** @return the short names, sorted */
    public static List<String> names() {
        return BY_NAME.keySet().stream().sorted().toList();
    }
}
