package io.github.parmap.engine.processor;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;

/**
 * Loads the classes compiled from a processor source from memory, and the libraries it was compiled against
 * from their jars. Asks its parent first, so that the parmap API (and whatever else the parent holds) is the
 * parent's own, shared with the engine.
 */
public final class CompiledClassLoader extends URLClassLoader {
    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;
    private final ProtectionDomain domain;

    /**
     * @param classes class file bytes by binary name
     * @param libraries jars or directories to load further classes from
     * @param parent asked first for every class
     * @param source the source file, recorded as the compiled classes' code source
     */
    CompiledClassLoader(Map<String, byte[]> classes, List<Path> libraries, ClassLoader parent, Path source) {
        super("parmap-processor-source", urls(libraries), parent);
        this.classes = Map.copyOf(classes);
        this.domain = new ProtectionDomain(new CodeSource(url(source), (Certificate[]) null), null, this, null);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes != null) {
            return defineClass(name, bytes, 0, bytes.length, domain);
        }
        return super.findClass(name);
    }

    private static URL[] urls(List<Path> paths) {
        return paths.stream().map(CompiledClassLoader::url).toArray(URL[]::new);
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("cannot turn " + path + " into a URL", e);
        }
    }
}
