package io.github.parmap.engine.processor;

import io.github.parmap.engine.builtin.BuiltinProcessors;
import io.github.parmap.engine.support.InvalidConfigurationException;
import java.util.Optional;
import javax.lang.model.SourceVersion;

/** Finds the processor a user named: a built-in by its short name, or a class by its fully qualified name. */
public final class ProcessorResolver {
    private ProcessorResolver() {}

    /**
     * @param name the configured {@code processor} value
     * @param classLoader where to look for a class of that name
     * @return the processor, checked for use
     * @throws InvalidConfigurationException if the name is empty or not a class name
     * @throws ProcessorLoadException if no such class exists or it cannot serve as a processor
     */
    public static ProcessorDefinition resolve(String name, ClassLoader classLoader)
            throws InvalidConfigurationException, ProcessorLoadException {
        String trimmed = name == null ? "" : name.trim();
        Optional<Class<?>> builtin = BuiltinProcessors.find(trimmed);
        if (builtin.isPresent()) {
            return ProcessorDefinition.of(trimmed, builtin.get());
        }
        if (!isQualifiedClassName(trimmed)) {
            throw new InvalidConfigurationException("processor", name,
                    "the fully qualified name of a processor class (such as com.example.Thumbnailer) or a built-in processor ("
                            + String.join(", ", BuiltinProcessors.names()) + ")");
        }
        Class<?> type;
        try {
            type = Class.forName(trimmed, false, classLoader);
        } catch (ClassNotFoundException e) {
            throw new ProcessorLoadException.NotFound(trimmed, e);
        } catch (LinkageError e) {
            throw new ProcessorLoadException.NotAProcessor(trimmed, "it could not be loaded: " + e);
        }
        return ProcessorDefinition.of(trimmed, type);
    }

    /** A class in a package: a bare word is taken for a mistyped built-in, not for a class in no package. */
    private static boolean isQualifiedClassName(String name) {
        if (!name.contains(".")) {
            return false;
        }
        for (String part : name.split("\\.", -1)) {
            // '$' separates nested classes in binary names; each part must still be an identifier.
            if (!SourceVersion.isIdentifier(part) || SourceVersion.isKeyword(part)) {
                return false;
            }
        }
        return true;
    }
}
