package io.github.parmap.engine.processor;

import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import io.github.parmap.engine.builtin.BuiltinProcessors;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.function.Function;

/**
 * A processor class checked for use: it implements {@link ItemProcessor} or {@code Function<byte[], byte[]>}
 * and has a public constructor taking a {@link ProcessorContext} or none. Creates one instance per worker.
 */
public final class ProcessorDefinition {
    private final String name;
    private final Class<?> type;
    private final Constructor<?> constructor;
    private final boolean takesContext;
    private final boolean isFunction;

    private ProcessorDefinition(String name, Class<?> type, Constructor<?> constructor, boolean takesContext, boolean isFunction) {
        this.name = name;
        this.type = type;
        this.constructor = constructor;
        this.takesContext = takesContext;
        this.isFunction = isFunction;
    }

    /**
     * @param name the name to show in messages, for example a built-in's short name
     * @param type the processor class
     * @return the checked definition
     * @throws ProcessorLoadException.NotAProcessor if the class cannot serve as a processor
     */
    public static ProcessorDefinition of(String name, Class<?> type) throws ProcessorLoadException {
        boolean isProcessor = ItemProcessor.class.isAssignableFrom(type);
        boolean isFunction = !isProcessor && Function.class.isAssignableFrom(type);
        if (!isProcessor && !isFunction) {
            throw new ProcessorLoadException.NotAProcessor(name, implementsForeignApi(type)
                    ? "it implements " + ItemProcessor.class.getName() + " from a different class loader; "
                            + "declare the parmap-maven-plugin dependency of the processor's jar with <scope>provided</scope> "
                            + "so that the jar does not bring its own copy of the API"
                    : "it implements neither " + ItemProcessor.class.getName() + " nor java.util.function.Function<byte[], byte[]>");
        }
        if (isFunction) {
            checkFunctionTypes(name, type);
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new ProcessorLoadException.NotAProcessor(name, "it is " + (type.isInterface() ? "an interface" : "abstract")
                    + "; name a concrete class");
        }
        if (!Modifier.isPublic(type.getModifiers()) || (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers()))) {
            throw new ProcessorLoadException.NotAProcessor(name, "it must be a public top-level or public static nested class");
        }
        try {
            return new ProcessorDefinition(name, type, type.getConstructor(ProcessorContext.class), true, isFunction);
        } catch (NoSuchMethodException e) {
            try {
                return new ProcessorDefinition(name, type, type.getConstructor(), false, isFunction);
            } catch (NoSuchMethodException e2) {
                throw new ProcessorLoadException.NotAProcessor(name,
                        "it has no public constructor taking a " + ProcessorContext.class.getName() + ", and no public no-argument constructor");
            }
        }
    }

    /** @return the name shown in messages: a built-in's short name or the class name */
    public String name() {
        return name;
    }

    /** @return the processor class */
    public Class<?> type() {
        return type;
    }

    /** @return how this processor's outputs are made, said after a run where it processed files but made no output */
    public String howOutputsAreMade() {
        if (isFunction) {
            return "a function processor's output is the array it returns; null means no output.";
        }
        return BuiltinProcessors.howOutputsAreMade(type).orElse(
                "its outputs are the files it writes to the paths Item.output(...) returns; a file written anywhere else is none.");
    }

    /** Creates one instance for one worker, adapting a {@code Function<byte[], byte[]>} when needed. */
    public ItemProcessor create(ProcessorContext context) throws ProcessorCreationException {
        Object instance;
        try {
            instance = takesContext ? constructor.newInstance(context) : constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new ProcessorCreationException(name, e.getCause());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw new ProcessorCreationException(name, e);
        }
        if (isFunction) {
            @SuppressWarnings("unchecked")
            Function<byte[], byte[]> function = (Function<byte[], byte[]>) instance;
            return new FunctionProcessor(function);
        }
        return (ItemProcessor) instance;
    }

    private static boolean implementsForeignApi(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(ItemProcessor.class.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Rejects a Function whose declared type arguments are visibly not byte[] to byte[]. */
    private static void checkFunctionTypes(String name, Class<?> type) throws ProcessorLoadException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type generic : c.getGenericInterfaces()) {
                if (generic instanceof ParameterizedType parameterized && parameterized.getRawType() == Function.class) {
                    Type[] arguments = parameterized.getActualTypeArguments();
                    if (!(mayBeBytes(arguments[0]) && mayBeBytes(arguments[1]))) {
                        throw new ProcessorLoadException.NotAProcessor(name, "it implements " + parameterized.getTypeName()
                                + ", but a function processor must implement java.util.function.Function<byte[], byte[]>");
                    }
                    return;
                }
            }
        }
    }

    /** A type variable, as in a generic base class {@code Base<T> implements Function<T, T>}, is not visibly wrong. */
    private static boolean mayBeBytes(Type argument) {
        return argument == byte[].class || argument instanceof TypeVariable<?>;
    }
}
