package io.github.parmap.maven;

import io.github.parmap.ItemProcessor;
import io.github.parmap.engine.builtin.BuiltinProcessors;
import io.github.parmap.engine.processor.CompiledProcessor;
import io.github.parmap.engine.processor.ProcessorCompilationException;
import io.github.parmap.engine.processor.ProcessorDefinition;
import io.github.parmap.engine.processor.ProcessorLoadException;
import io.github.parmap.engine.processor.ProcessorResolver;
import io.github.parmap.engine.processor.ProcessorSource;
import io.github.parmap.engine.processor.SourceProcessorCompiler;
import io.github.parmap.engine.support.CodeLocations;
import io.github.parmap.engine.support.InvalidConfigurationException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.DependencyResolutionException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;

/**
 * Finds the processor among the built-ins and the plugin's dependencies, and only if it is not there, on
 * the project's runtime class path, through a class loader that is closed with the run; or compiles it
 * from {@code processorSource}, against the plugin's class path and the project's runtime dependencies.
 */
final class ProcessorLookup implements AutoCloseable {
    private final MavenProject project;
    private final MavenSession session;
    private final ProjectDependenciesResolver dependenciesResolver;
    private final String processor;
    private final Path processorSource;
    private final Charset sourceCharset;
    private final Path compiledDirectory;
    private final Function<Path, String> display;
    private final Log log;
    private URLClassLoader projectLoader;
    private CompiledProcessor compiled;
    private List<Path> sourceLibraries = List.of();
    private ProcessorDefinition resolved;

    /**
     * @param processor the {@code <processor>} class or built-in name, or {@code null} with a processor source
     * @param processorSource the {@code <processorSource>} file, or {@code null}
     * @param sourceCharset the encoding the processor source is read in
     * @param compiledDirectory where a compiled processor source is kept between builds
     * @param display how paths are shown in messages
     */
    ProcessorLookup(MavenProject project, MavenSession session, ProjectDependenciesResolver dependenciesResolver, String processor,
            Path processorSource, Charset sourceCharset, Path compiledDirectory, Function<Path, String> display, Log log) {
        this.project = project;
        this.session = session;
        this.dependenciesResolver = dependenciesResolver;
        this.processor = processor;
        this.processorSource = processorSource;
        this.sourceCharset = sourceCharset;
        this.compiledDirectory = compiledDirectory;
        this.display = display;
        this.log = log;
    }

    /** @return the processor source as compiled, or {@code null} for a processor class */
    CompiledProcessor compiled() {
        return compiled;
    }

    /**
     * @return the class path entries the processor's code comes from: for a built-in, the plugin's jar and
     *     the jars of the libraries that built-in runs on; the plugin's class path (its jar and its
     *     {@code <dependencies>}) for a class found there; and the project's runtime class path as well for
     *     a class found there; for a processor source, the plugin's class path and the project's runtime
     *     dependencies it was compiled against
     */
    List<Path> classpath() {
        if (compiled == null && BuiltinProcessors.find(resolved.name()).isPresent()) {
            return BuiltinProcessors.codeLocations(resolved.name());
        }
        List<Path> entries = new ArrayList<>(pluginClasspath(compiled == null ? resolved.type() : ItemProcessor.class));
        if (projectLoader != null) {
            entries.addAll(toPaths(projectLoader.getURLs()));
        }
        entries.addAll(sourceLibraries);
        return entries;
    }

    /** @return the class path a worker JVM loads the processor from: {@link #classpath()}, and a processor source's compiled classes */
    List<Path> workerClasspath() {
        List<Path> entries = new ArrayList<>(classpath());
        if (compiled != null && compiled.classesDirectory() != null) {
            entries.add(0, compiled.classesDirectory());
        }
        return entries;
    }

    /**
     * @param fallback a class whose jar stands for the plugin's class path when the plugin's class loader
     *     does not list its entries (as in tests, where the plugin is on the application class path)
     * @return the jars and directories the plugin's class loader loads from
     */
    private List<Path> pluginClasspath(Class<?> fallback) {
        ClassLoader pluginLoader = ProcessorLookup.class.getClassLoader();
        if (pluginLoader instanceof URLClassLoader urls) {
            return toPaths(urls.getURLs());
        }
        return List.of(CodeLocations.of(fallback));
    }

    private List<Path> toPaths(URL[] urls) {
        List<Path> paths = new ArrayList<>();
        for (URL url : urls) {
            try {
                paths.add(Path.of(url.toURI()));
            } catch (URISyntaxException | IllegalArgumentException notAFile) {
                // only local files and directories carry code parmap can fingerprint
            }
        }
        return paths;
    }

    ProcessorDefinition resolve() throws MojoExecutionException, MojoFailureException, InvalidConfigurationException {
        if (processorSource != null) {
            resolved = compileSource();
            return resolved;
        }
        resolved = find();
        if (log.isDebugEnabled()) {
            log.debug("processor " + resolved.name() + " is " + resolved.type().getName() + ", loaded from "
                    + (BuiltinProcessors.find(resolved.name()).isPresent() ? "the built-ins"
                            : projectLoader != null ? "the project's runtime class path" : "the plugin's dependencies"));
        }
        return resolved;
    }

    private ProcessorDefinition compileSource() throws MojoExecutionException, MojoFailureException {
        Path file = processorSource.toAbsolutePath().normalize();
        String shown = display.apply(file);
        if (!file.getFileName().toString().endsWith(".java")) {
            throw new MojoExecutionException("<processorSource> must be a .java file, such as src/build/java/Thumbnailer.java, was: '"
                    + shown + "'");
        }
        if (!Files.isRegularFile(file)) {
            throw new MojoExecutionException("<processorSource> " + shown + (Files.exists(file) ? " is not a file" : " does not exist")
                    + " (a relative path is relative to the project's base directory " + project.getBasedir() + ")");
        }
        try {
            sourceLibraries = toPaths(ProjectRuntimeClasspath.dependencies(project, session, dependenciesResolver).toArray(URL[]::new));
        } catch (DependencyResolutionException e) {
            throw new MojoExecutionException("<processorSource> " + shown + " is compiled against the project's runtime dependencies, "
                    + "which could not be resolved: " + e.getMessage(), e);
        }
        ProcessorSource source = ProcessorSource.builder(file, ProcessorLookup.class.getClassLoader())
                .displayPath(shown)
                .encoding(sourceCharset)
                .parentClasspath(pluginClasspath(ItemProcessor.class))
                .libraries(sourceLibraries)
                .cacheDirectory(compiledDirectory)
                .build();
        try {
            compiled = new SourceProcessorCompiler().compile(source);
        } catch (ProcessorCompilationException e) {
            if (e.diagnostics().isEmpty()) {
                throw new MojoExecutionException("<processorSource> " + e.getMessage(), e);
            }
            throw new MojoFailureException("<processorSource> " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("<processorSource> " + shown + " could not be compiled: " + e, e);
        }
        for (String warning : compiled.warnings()) {
            log.warn(warning);
        }
        if (compiled.fromCache()) {
            log.debug("processor " + compiled.className() + " from " + shown + " is unchanged: reusing its compiled classes");
        } else {
            log.info("Compiled processor " + compiled.className() + " from " + shown + " (Java " + SourceProcessorCompiler.release() + ")");
        }
        try {
            return ProcessorDefinition.of(compiled.className(), compiled.processorClass());
        } catch (ProcessorLoadException e) {
            throw new MojoExecutionException("<processorSource> " + shown + ": " + e.getMessage(), e);
        }
    }

    private ProcessorDefinition find() throws MojoExecutionException, InvalidConfigurationException {
        ClassLoader pluginLoader = ProcessorLookup.class.getClassLoader();
        try {
            return ProcessorResolver.resolve(processor, pluginLoader);
        } catch (ProcessorLoadException.NotFound notInPlugin) {
            List<URL> classpath = projectRuntimeClasspath();
            projectLoader = new URLClassLoader("parmap-project-runtime", classpath.toArray(URL[]::new), pluginLoader);
            try {
                return ProcessorResolver.resolve(processor, projectLoader);
            } catch (ProcessorLoadException.NotFound notInProject) {
                // The ClassNotFoundException, not the engine's wrapper: Maven appends a cause's message the
                // error does not already contain, and the wrapper's would repeat "was not found".
                throw new MojoExecutionException(notFoundMessage(notInProject.processorName(), classpath.size()), notInProject.getCause());
            } catch (ProcessorLoadException e) {
                throw new MojoExecutionException(invalidMessage(e), e);
            }
        } catch (ProcessorLoadException e) {
            throw new MojoExecutionException(invalidMessage(e), e);
        }
    }

    private List<URL> projectRuntimeClasspath() throws MojoExecutionException {
        try {
            return ProjectRuntimeClasspath.resolve(project, session, dependenciesResolver);
        } catch (DependencyResolutionException e) {
            throw new MojoExecutionException("<processor> " + processor + " is not among the plugin's dependencies, and the project's "
                    + "runtime dependencies, the next place to look, could not be resolved: " + e.getMessage(), e);
        }
    }

    private String notFoundMessage(String className, int classpathEntries) {
        return "<processor> class " + className + " was not found. Searched: the built-in processors ("
                + String.join(", ", BuiltinProcessors.names()) + "), the parmap plugin's <dependencies>, and the project's runtime class path ("
                + classpathEntries + " entr" + (classpathEntries == 1 ? "y" : "ies") + "). "
                + "Add the jar that holds it as a <dependency> inside the parmap plugin's <plugin> element, "
                + "or check the spelling of the fully qualified class name.";
    }

    private String invalidMessage(ProcessorLoadException e) {
        return "<processor> " + e.getMessage();
    }

    @Override
    public void close() throws IOException {
        try {
            if (projectLoader != null) {
                projectLoader.close();
            }
        } finally {
            if (compiled != null) {
                compiled.close();
            }
        }
    }
}
