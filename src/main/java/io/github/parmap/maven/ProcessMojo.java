package io.github.parmap.maven;

import io.github.parmap.ItemProcessor;
import io.github.parmap.engine.DurationSetting;
import io.github.parmap.engine.ParallelRun;
import io.github.parmap.engine.ProcessingRequest;
import io.github.parmap.engine.Shard;
import io.github.parmap.engine.WorkerCount;
import io.github.parmap.engine.builtin.BuiltinProcessors;
import io.github.parmap.engine.cache.CacheSettings;
import io.github.parmap.engine.cache.RemoteCacheSettings;
import io.github.parmap.engine.commit.StagingArea;
import io.github.parmap.engine.processor.CompiledProcessor;
import io.github.parmap.engine.processor.ProcessorCompilationException;
import io.github.parmap.engine.processor.ProcessorDefinition;
import io.github.parmap.engine.processor.ProcessorLoadException;
import io.github.parmap.engine.processor.ProcessorResolver;
import io.github.parmap.engine.processor.ProcessorSource;
import io.github.parmap.engine.processor.SourceProcessorCompiler;
import io.github.parmap.engine.report.ProcessingResult;
import io.github.parmap.engine.state.ConfigurationFingerprint;
import io.github.parmap.engine.state.Incremental;
import io.github.parmap.engine.support.InvalidConfigurationException;
import io.github.parmap.engine.support.RunStoppedException;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.DependencyResolutionException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * Runs a processor over every file of a directory, in parallel, and writes the results under the build
 * directory, from where they go into the project's resources and its jar.
 *
 * <p>Each file under {@code inputDirectory} that {@code includes} and {@code excludes} select is one item.
 * {@code workers} threads each take the next item and hand it to their own instance of {@code processor}.
 * The outputs an item writes are moved into {@code outputDirectory} atomically once it succeeds; a failed
 * item leaves nothing behind. After all items are tried, the build fails if any failed, naming each with its
 * relative path and the processor's message.
 */
@Mojo(name = "process", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class ProcessMojo extends AbstractMojo {
    private static final Set<String> PHASES_AFTER_PROCESS_RESOURCES = Set.of("compile", "process-classes", "generate-test-sources",
            "process-test-sources", "generate-test-resources", "process-test-resources", "test-compile", "process-test-classes", "test",
            "prepare-package", "package", "pre-integration-test", "integration-test", "post-integration-test", "verify", "install", "deploy");

    /**
     * The directory scanned for input files. A directory that does not exist is skipped with one INFO line.
     */
    @Parameter(defaultValue = "${project.basedir}/src/main/resources")
    private File inputDirectory;

    /**
     * Ant-style patterns, relative to {@code inputDirectory}, of the files to process, for example
     * {@code **}{@code /*.png}. A pattern ending in {@code /} means everything below that directory.
     * Default: every file.
     */
    @Parameter
    private List<String> includes;

    /**
     * Ant-style patterns of files not to process, relative to {@code inputDirectory}. Maven's default
     * excludes (version control metadata such as {@code .git/} and operating system files such as
     * {@code .DS_Store}) always apply as well.
     */
    @Parameter
    private List<String> excludes;

    /**
     * Where outputs are written, each at the relative path its processor chose. Must differ from
     * {@code inputDirectory}, must not contain it, and must not contain {@code ${project.build.directory}/parmap},
     * where the build state lives; the directories are compared as the file system sees them, so a symbolic
     * link to {@code inputDirectory} is refused too. When it lies inside {@code inputDirectory} it is not
     * scanned for inputs.
     */
    @Parameter(defaultValue = "${project.build.directory}/generated-resources/parmap")
    private File outputDirectory;

    /**
     * Whether to add {@code outputDirectory} to the project's resources, so that {@code process-resources}
     * copies the outputs into {@code target/classes} and they end up in the jar.
     */
    @Parameter(defaultValue = "true")
    private boolean addResources;

    /**
     * The processor run on every file: the fully qualified name of a class that implements
     * {@code io.github.parmap.ItemProcessor} or {@code java.util.function.Function<byte[], byte[]>}, or the
     * name of a built-in processor. Built-ins take their settings from {@code parameters}, reject parameters
     * they do not know, and write the same bytes for the same input on every build:
     * <ul>
     * <li>{@code copy}: writes each file unchanged at the same relative path. No parameters.</li>
     * <li>{@code gzip}: writes {@code REL.gz} for each file {@code REL}; {@code level} from 1 to 9, default 6.</li>
     * <li>{@code zstd}: writes {@code REL.zst}; {@code level} from 1 to 19, default 19.</li>
     * <li>{@code brotli}: writes {@code REL.br}; {@code level} (brotli's quality) from 0 to 11, default 11.</li>
     * <li>{@code checksum}: writes {@code REL.sha256}, one line (the hex digest, two spaces, the file name
     * without folders) that {@code sha256sum -c} checks in the folder holding the file and its checksum; {@code algorithm}
     * {@code sha256} (default) or {@code sha512} (writes {@code REL.sha512}).</li>
     * <li>{@code resize-image}: writes each image scaled down to fit {@code width} and/or {@code height} pixels,
     * keeping its aspect ratio and never enlarging it; {@code format} {@code png} or {@code jpeg} (default: JPEG
     * stays JPEG, anything else becomes PNG; a new format replaces the extension), {@code quality} 1 to 100 for
     * JPEG, default 85.</li>
     * <li>{@code exec}: runs a program per file, without a shell. {@code command}: the program and its
     * arguments, split at spaces outside quotes, with placeholders {@code {in}} (input's absolute path),
     * {@code {rel}} (relative path), {@code {out}} (output path for the same relative path),
     * {@code {out:.ext}} (output path with the extension replaced), {@code {name}} (file name), {@code {stem}}
     * (file name without extension); {@code workingDirectory} (default: the input directory);
     * {@code environment}, one {@code NAME=value} per line; {@code successExitCodes}, default {@code 0};
     * {@code stdin} and {@code stdout}, files for the program's standard input and output, such as
     * {@code {in}} and {@code {out}}.</li>
     * </ul>
     * <p>A processor class is looked up among the plugin's {@code <dependencies>} first (the usual place: add
     * the jar that holds it there), then on the project's runtime class path.
     * <p>One of {@code processor} and {@code processorSource} is required, and only one may be set.
     */
    @Parameter
    private String processor;

    /**
     * A processor written as one {@code .java} file in the project, used instead of {@code processor}, for
     * example {@code src/build/java/Thumbnailer.java} (a relative path is relative to the project's base
     * directory). The file's public top-level class, named like the file, is the processor, written like any
     * processor class; a package declaration, further classes and nested classes are fine.
     * <p>parmap compiles the file in memory with the JDK's compiler ({@code javax.tools}), for the Java version
     * Maven runs on, against the parmap API, the plugin's {@code <dependencies>} and the project's compile and
     * runtime dependencies (not the project's own classes, which do not exist yet when this goal runs). The
     * file is read in {@code project.build.sourceEncoding}, UTF-8 when that is not set. A compile error fails
     * the build with javac's messages ({@code file:line: error: ...}). Maven must run on a JDK, not a JRE.
     * <p>The compiled classes are kept in
     * <code>${project.build.directory}/parmap/&lt;execution id&gt;/compiled/</code> and reused while the file
     * and its class path are unchanged. A changed file counts as a changed processor: every input is
     * processed again.
     * <p>One of {@code processor} and {@code processorSource} is required, and only one may be set. No user
     * property.
     */
    @Parameter
    private File processorSource;

    /**
     * Parameters handed to the processor, as a map of element name to text, for example
     * {@code <parameters><width>256</width></parameters>}. Processors read them from
     * {@code ProcessorContext.parameters()}.
     */
    @Parameter
    private Map<String, String> parameters;

    /**
     * How many files are processed at once: a whole number such as {@code 4}, or a multiple of the
     * machine's cores such as {@code 1C}, {@code 0.5C} or {@code 2C} (rounded, at least 1), as Maven's
     * {@code -T} option reads it. {@code -Dparmap.workers=1} processes one file at a time.
     */
    @Parameter(property = PropertyNames.WORKERS, defaultValue = "1C")
    private String workers;

    /**
     * When {@code false}, every file is tried and the build then fails once, listing every failed file.
     * When {@code true}, no new file is started after the first failure.
     */
    @Parameter(property = PropertyNames.FAIL_FAST, defaultValue = "false")
    private boolean failFast;

    /**
     * How long one file may take: a whole number with a unit, such as {@code 500ms}, {@code 30s}, {@code 2m}
     * or {@code 1h}. A file that takes longer fails with a message naming it and the limit, none of its
     * outputs is committed, and its worker is interrupted; a worker that does not stop within 2 seconds is
     * replaced by a new one (with a new processor instance), so the run always finishes. Default: no limit.
     */
    @Parameter(property = PropertyNames.ITEM_TIMEOUT)
    private String itemTimeout;

    /** Skips the goal entirely. */
    @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
    private boolean skip;

    /**
     * Whether to process only what changed since the last build. The state of each execution is kept in
     * <code>target/parmap/&lt;execution id&gt;/</code>. A file is processed again when its content
     * changes (a new time stamp alone is not enough), when one of its outputs was deleted or edited, when
     * it failed last time, and every file is processed again when the configuration changes: the processor's
     * code (the jars it is loaded from, and the {@code processorSource} file), {@code parameters},
     * {@code includes}, {@code excludes}, the directories or the plugin version. The outputs of deleted,
     * deselected or failed inputs, and outputs an input no longer writes, are removed; files parmap did not
     * write are never touched. {@code false} processes every file on every build and forgets the state.
     */
    @Parameter(property = PropertyNames.INCREMENTAL, defaultValue = "true")
    private boolean incremental;

    /** Processes every file, even those that are up to date (with {@code incremental}, the state is renewed). */
    @Parameter(property = PropertyNames.FORCE, defaultValue = "false")
    private boolean force;

    /**
     * Files the processor reads besides each item, such as a template or a configuration file: paths or
     * Ant-style patterns relative to the project's base directory ({@code src/build/template.html},
     * {@code src/build/config/**}), a directory meaning every file below it. Their content joins the
     * configuration fingerprint, so that changing one redoes every item in an incremental build and leads
     * to other cache keys. A processor that reads files not declared here can get stale results, from an
     * incremental build and from the build cache alike. No user property.
     */
    @Parameter
    private List<String> extraInputs;

    /**
     * Whether to use the local build cache: each item's outputs are stored under a key made of the input's
     * relative path and content, the configuration (processor code, {@code parameters}, plugin version,
     * {@code extraInputs}, includes, excludes and directories relative to the project) and a format
     * version, and restored instead of processing the item again when another build, a clone of the project
     * elsewhere or a build after {@code mvn clean}, meets the same key. Keys hold no absolute path.
     */
    @Parameter(property = PropertyNames.CACHE, defaultValue = "false")
    private boolean cache;

    /**
     * The local build cache directory, shared by every project and build of the user. Default: a
     * {@code parmap-cache} folder beside the local Maven repository, {@code ~/.m2/parmap-cache} for most.
     * Several builds may use it at once.
     */
    @Parameter(property = PropertyNames.CACHE_DIRECTORY)
    private File cacheDirectory;

    /**
     * The size the local build cache is kept under: bytes, or with a binary unit such as {@code 500M} or
     * {@code 2G}. At the end of each build the least recently used entries are evicted until it fits.
     */
    @Parameter(property = PropertyNames.CACHE_MAX_SIZE, defaultValue = "2G")
    private String cacheMaxSize;

    /**
     * The base URL of a remote build cache shared by machines, such as {@code http://cache.example.com/parmap/}:
     * any HTTP server that answers {@code GET} with 200 or 404 and accepts {@code PUT}, for example nginx with
     * its WebDAV module. Items are looked up there after the local cache (with {@code cache} on, a remote hit
     * is kept locally too). Every downloaded output is checked against its SHA-256: a damaged entry is
     * processed locally, with a WARNING. A server that answers with an error, cannot be reached, stalls, or
     * answers with something that is not a cache entry (a web page) is not used for the rest of the build,
     * with one WARNING; the build never fails because of it. Credentials, user name or password, do not
     * belong in the URL: see {@code remoteCacheServerId}. Default: none.
     */
    @Parameter(property = PropertyNames.REMOTE_CACHE_URL)
    private String remoteCacheUrl;

    /**
     * Whether this build uploads the items it processes to the remote cache ({@code PUT}). Off by default,
     * so that only trusted builds (typically CI on the main branch) write to the shared cache.
     */
    @Parameter(property = PropertyNames.REMOTE_CACHE_PUSH, defaultValue = "false")
    private boolean remoteCachePush;

    /**
     * The id of the {@code <server>} in {@code settings.xml} whose {@code <username>} and {@code <password>}
     * (encrypted passwords work too) are sent to the remote cache with HTTP Basic authentication. Without
     * such a server, no credentials are sent.
     */
    @Parameter(property = PropertyNames.REMOTE_CACHE_SERVER_ID, defaultValue = "parmap-cache")
    private String remoteCacheServerId;

    /**
     * Seconds the remote cache may go without moving a byte: to accept a connection, to begin its answer,
     * and while it sends or receives a body. A server that stalls longer is not used for the rest of the
     * build, with one WARNING; a large transfer that keeps moving may take as long as it needs.
     */
    @Parameter(property = PropertyNames.REMOTE_CACHE_TIMEOUT, defaultValue = "10")
    private int remoteCacheTimeout;

    /**
     * Whether the credentials of {@code remoteCacheServerId} may be sent over plain {@code http://} to a host
     * other than this machine. Off by default: anyone on the network could read them, so such a
     * {@code remoteCacheUrl} fails the build; use {@code https://}, or set this for a network you trust. The
     * credentials go only to the scheme, host and port of {@code remoteCacheUrl}: a redirect elsewhere is
     * followed without them.
     */
    @Parameter(property = PropertyNames.REMOTE_CACHE_ALLOW_INSECURE_PROTOCOL, defaultValue = "false")
    private boolean remoteCacheAllowInsecureProtocol;

    /**
     * Processes only one slice of the items: {@code K/N} (1 &le; K &le; N) keeps the items whose stable hash
     * of relative path falls in slice K of N, the same on every machine. The N jobs of a CI matrix each run
     * one slice with {@code remoteCachePush}, and a later build without {@code shard} restores every item from
     * the remote cache. The items of other slices are treated as deselected in this build. Default: all items.
     */
    @Parameter(property = PropertyNames.SHARD)
    private String shard;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private MojoExecution mojoExecution;

    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    private String pluginVersion;

    /** The encoding {@code processorSource} is read in; UTF-8 when the project does not set one. */
    @Parameter(defaultValue = "${project.build.sourceEncoding}", readonly = true)
    private String sourceEncoding;

    private final ProjectDependenciesResolver dependenciesResolver;
    private final BuildContext buildContext;
    private final SettingsDecrypter settingsDecrypter;
    /** The configuration fingerprint, computed once for the incremental state and the cache keys alike. */
    private String configurationFingerprint;

    @Inject
    public ProcessMojo(ProjectDependenciesResolver dependenciesResolver, BuildContext buildContext, SettingsDecrypter settingsDecrypter) {
        this.dependenciesResolver = dependenciesResolver;
        this.buildContext = buildContext;
        this.settingsDecrypter = settingsDecrypter;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping parmap (" + PropertyNames.SKIP + " is true)");
            return;
        }
        checkProcessorChoice();
        requireSet(inputDirectory, "inputDirectory");
        requireSet(outputDirectory, "outputDirectory");
        Path input = inputDirectory.toPath().toAbsolutePath().normalize();
        if (!Files.exists(input)) {
            getLog().info("Skipping parmap: input directory " + display(input) + " does not exist");
            return;
        }
        int workerCount = parseWorkers();
        Duration timeout = parseItemTimeout();
        Shard slice = parseShard();
        configurationFingerprint = null; // a mojo instance may run again, with other files
        MavenRunLog log = new MavenRunLog(getLog());
        ProcessingResult result;
        String processorName;
        try (ProcessorLookup lookup = new ProcessorLookup()) {
            ProcessorDefinition definition = lookup.resolve();
            processorName = definition.name();
            ProcessingRequest request = ProcessingRequest.builder(input, outputDirectory.toPath(), definition)
                    .filter(new AntPathFilter(includes, excludes))
                    .parameters(parameters)
                    .workers(workerCount)
                    .itemTimeout(timeout)
                    .reportFile(executionDirectory().resolve("report.json"))
                    .failFast(failFast)
                    .log(log)
                    .displayBase(project.getBasedir().toPath())
                    .incremental(incrementalSettings(lookup))
                    .cache(cacheSettings(lookup))
                    .shard(slice)
                    .outputListener(new BuildContextOutputListener(buildContext, outputDirectory.toPath(),
                            addResources ? Path.of(project.getBuild().getOutputDirectory()) : null, getLog()))
                    .build();
            result = ParallelRun.execute(request);
        } catch (InvalidConfigurationException e) {
            String remedy = "outputDirectory".equals(e.parameter())
                    ? ". Set <outputDirectory> to a folder of its own, such as the default ${project.build.directory}/generated-resources/parmap"
                    : "";
            throw new MojoExecutionException(e.getMessage() + remedy, e);
        } catch (RunStoppedException e) {
            throw new MojoExecutionException("parmap could not process " + display(input) + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("parmap could not process " + display(input) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("parmap was interrupted", e);
        }
        if (addResources) {
            addOutputDirectoryToResources();
            warnIfResourcesAreAlreadyCopied();
        }
        if (!result.succeeded()) {
            throw FailureReport.toException(result, processorName);
        }
    }

    /** @return the incremental settings, or {@code null} after deleting any state when incremental builds are off */
    private Incremental incrementalSettings(ProcessorLookup lookup) throws IOException, MojoExecutionException {
        Path stateDirectory = executionDirectory();
        if (!incremental) {
            Incremental.deleteState(stateDirectory);
            return null;
        }
        return new Incremental(stateDirectory, configurationFingerprint(lookup), force);
    }

    /**
     * @return the digest of everything besides an item's input that decides its outputs; directories and
     *     extra inputs enter relative to the project's base directory, so clones at other paths agree
     */
    private String configurationFingerprint(ProcessorLookup lookup) throws IOException, MojoExecutionException {
        if (configurationFingerprint != null) {
            return configurationFingerprint;
        }
        ConfigurationFingerprint fingerprint = new ConfigurationFingerprint()
                .add("plugin", pluginVersion)
                .add("processor", processor == null || processor.isBlank() ? null : processor.trim());
        if (lookup.compiled != null) {
            // The source as it was compiled, and how: an edited source is a changed processor.
            fingerprint.add("processorSource", relativeToBasedir(processorSource))
                    .add("processorSourceDigest", lookup.compiled.sourceDigest())
                    .add("processorSourceEncoding", sourceCharset().name())
                    .add("compilerOptions", lookup.compiled.compilerOptions());
        }
        fingerprint.add("parameters", parameters)
                .add("includes", includes)
                .add("excludes", excludes)
                .add("inputDirectory", relativeToBasedir(inputDirectory))
                .add("outputDirectory", relativeToBasedir(outputDirectory));
        for (Path entry : lookup.classpath()) {
            fingerprint.addContent("classpath", entry);
        }
        if (extraInputs != null && !extraInputs.isEmpty()) {
            fingerprint.add("extraInputs", extraInputs);
            for (Map.Entry<String, Path> extra : ExtraInputs.resolve(project.getBasedir().toPath(), extraInputs).entrySet()) {
                fingerprint.addContent("extraInput " + extra.getKey(), extra.getValue());
            }
        }
        configurationFingerprint = fingerprint.toHex();
        return configurationFingerprint;
    }

    /** @return the build cache settings, or {@code null} when neither the local nor the remote cache is on */
    private CacheSettings cacheSettings(ProcessorLookup lookup) throws IOException, MojoExecutionException, InvalidConfigurationException {
        String url = remoteCacheUrl == null || remoteCacheUrl.isBlank() ? null : remoteCacheUrl.trim();
        if (!cache && url == null) {
            return null;
        }
        Path localDirectory = null;
        long maxSize = 0;
        if (cache) {
            localDirectory = cacheDirectory != null ? cacheDirectory.toPath() : defaultCacheDirectory();
            maxSize = CacheSettings.parseSize(cacheMaxSize);
        }
        RemoteCacheSettings remote = null;
        if (url != null) {
            if (remoteCacheTimeout < 1) {
                throw new InvalidConfigurationException("remoteCacheTimeout", Integer.toString(remoteCacheTimeout), "a number of seconds, at least 1");
            }
            Server server = remoteCacheServer();
            remote = RemoteCacheSettings.of(url, remoteCachePush, server == null ? null : server.getUsername(),
                    server == null ? null : server.getPassword(), Duration.ofSeconds(remoteCacheTimeout), remoteCacheAllowInsecureProtocol);
        }
        if (slicedWithoutPush(remote)) {
            getLog().warn("<shard> is set but <remoteCachePush> is not: the items of this slice are not shared with the other jobs");
        }
        return new CacheSettings(configurationFingerprint(lookup), localDirectory, maxSize, remote);
    }

    private boolean slicedWithoutPush(RemoteCacheSettings remote) {
        return shard != null && !shard.isBlank() && (remote == null || !remote.push());
    }

    /** @return {@code parmap-cache} beside the local repository, in the user's Maven home */
    private Path defaultCacheDirectory() {
        String repository = session == null || session.getRequest() == null ? null : session.getRequest().getLocalRepositoryPath() == null
                ? null : session.getRequest().getLocalRepositoryPath().getPath();
        if (repository == null && session != null && session.getLocalRepository() != null) {
            repository = session.getLocalRepository().getBasedir();
        }
        Path base = repository != null ? Path.of(repository).toAbsolutePath().getParent() : null;
        return (base != null ? base : Path.of(System.getProperty("user.home"), ".m2")).resolve("parmap-cache");
    }

    /** @return the settings.xml server holding the remote cache's credentials, decrypted, or {@code null} */
    private Server remoteCacheServer() throws MojoExecutionException {
        Settings settings = session == null ? null : session.getSettings();
        Server server = settings == null || remoteCacheServerId == null ? null : settings.getServer(remoteCacheServerId);
        if (server == null) {
            getLog().debug("No <server> with id " + remoteCacheServerId + " in settings.xml: no credentials for the remote cache");
            return null;
        }
        if (settingsDecrypter == null) {
            return server;
        }
        SettingsDecryptionResult result = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new MojoExecutionException("The password of <server> " + remoteCacheServerId + " in settings.xml, for the remote cache, "
                        + "could not be decrypted: " + problem.getMessage());
            }
        }
        return result.getServer() != null ? result.getServer() : server;
    }

    private Shard parseShard() throws MojoExecutionException {
        if (shard == null || shard.isBlank()) {
            return null;
        }
        try {
            return Shard.parse(shard);
        } catch (InvalidConfigurationException e) {
            throw new MojoExecutionException(e.getMessage() + " (set in the plugin configuration or with -D" + PropertyNames.SHARD + ")", e);
        }
    }

    /** @return where this execution keeps its state and its compiled processor source */
    private Path executionDirectory() {
        return Path.of(project.getBuild().getDirectory(), "parmap", executionId());
    }

    /** Exactly one of {@code processor} and {@code processorSource} says what to run. */
    private void checkProcessorChoice() throws MojoExecutionException {
        boolean hasProcessor = processor != null && !processor.isBlank();
        boolean hasSource = processorSource != null && !processorSource.getPath().isBlank();
        if (hasProcessor && hasSource) {
            throw new MojoExecutionException("Set either <processor> or <processorSource>, not both: <processor> is '" + processor.trim()
                    + "' and <processorSource> is '" + display(processorSource.toPath().toAbsolutePath()) + "'. Remove one of them.");
        }
        if (!hasProcessor && !hasSource) {
            throw new MojoExecutionException("One of <processor> and <processorSource> is required: <processor> names a processor class "
                    + "(such as com.example.Thumbnailer) or a built-in processor (" + String.join(", ", BuiltinProcessors.names())
                    + "); <processorSource> names one .java file in the project (such as src/build/java/Thumbnailer.java)");
        }
    }

    private Charset sourceCharset() throws MojoExecutionException {
        if (sourceEncoding == null || sourceEncoding.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(sourceEncoding.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new MojoExecutionException("<processorSource> is read in project.build.sourceEncoding, but '" + sourceEncoding
                    + "' is no character encoding this Java runtime knows", e);
        }
    }

    private String executionId() {
        String id = mojoExecution == null ? null : mojoExecution.getExecutionId();
        return id == null || id.isBlank() ? "default" : id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Directories enter the fingerprint relative to the project, so a moved or re-cloned project stays up to date. */
    private String relativeToBasedir(File directory) {
        Path base = project.getBasedir().toPath().toAbsolutePath().normalize();
        Path path = directory.toPath().toAbsolutePath().normalize();
        return path.startsWith(base) ? base.relativize(path).toString().replace(File.separatorChar, '/') : path.toString();
    }

    private static void requireSet(File directory, String parameter) throws MojoExecutionException {
        if (directory == null || directory.getPath().isBlank()) {
            throw new MojoExecutionException("<" + parameter + "> must name a directory, but it is empty");
        }
    }

    private Duration parseItemTimeout() throws MojoExecutionException {
        try {
            return DurationSetting.parse("itemTimeout", itemTimeout);
        } catch (InvalidConfigurationException e) {
            throw new MojoExecutionException(e.getMessage() + " (set in the plugin configuration or with -D" + PropertyNames.ITEM_TIMEOUT + ")", e);
        }
    }

    private int parseWorkers() throws MojoExecutionException {
        try {
            int cores = Runtime.getRuntime().availableProcessors();
            int count = WorkerCount.parse(workers, cores);
            getLog().debug("workers '" + workers + "' means " + count + " on " + cores + " cores");
            return count;
        } catch (InvalidConfigurationException e) {
            throw new MojoExecutionException(e.getMessage() + " (set in the plugin configuration or with -D" + PropertyNames.WORKERS + ")", e);
        }
    }

    /** Bound after process-resources, the outputs join the resources too late to be copied; say so. */
    private void warnIfResourcesAreAlreadyCopied() {
        String phase = mojoExecution == null ? null : mojoExecution.getLifecyclePhase();
        if (phase != null && PHASES_AFTER_PROCESS_RESOURCES.contains(phase)) {
            getLog().warn("parmap runs in phase " + phase + ", after process-resources: its outputs in " + display(outputDirectory.toPath())
                    + " are added to the resources too late to reach target/classes or the jar. Bind it to generate-resources "
                    + "(the default) or set <addResources>false</addResources>.");
        }
    }

    private void addOutputDirectoryToResources() {
        String directory = outputDirectory.getAbsolutePath();
        boolean present = project.getResources().stream()
                .anyMatch(resource -> new File(resource.getDirectory()).getAbsolutePath().equals(directory));
        if (!present) {
            Resource resource = new Resource();
            resource.setDirectory(directory);
            // A run that was killed may have left its staging area behind until the next run removes it.
            resource.addExclude(StagingArea.DIRECTORY_NAME + "/**");
            // First in line: the resources plugin copies a file only when it is newer than the copy already in
            // target/classes, so an output that shares its path with an original resource (the default
            // inputDirectory is src/main/resources) replaces the original instead of being skipped.
            project.getBuild().getResources().add(0, resource);
        }
    }

    private String display(Path path) {
        Path base = project.getBasedir().toPath().toAbsolutePath();
        return path.startsWith(base) && !path.equals(base) ? base.relativize(path).toString() : path.toString();
    }

    /**
     * Finds the processor among the built-ins and the plugin's dependencies, and only if it is not there, on
     * the project's runtime class path, through a class loader that is closed with the run; or compiles it
     * from {@code processorSource}, against the plugin's class path and the project's runtime dependencies.
     */
    private final class ProcessorLookup implements AutoCloseable {
        private URLClassLoader projectLoader;
        private CompiledProcessor compiled;
        private List<Path> sourceLibraries = List.of();
        private ProcessorDefinition resolved;

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

        /**
         * @param fallback a class whose jar stands for the plugin's class path when the plugin's class loader
         *     does not list its entries (as in tests, where the plugin is on the application class path)
         * @return the jars and directories the plugin's class loader loads from
         */
        private List<Path> pluginClasspath(Class<?> fallback) {
            ClassLoader pluginLoader = ProcessMojo.class.getClassLoader();
            if (pluginLoader instanceof URLClassLoader urls) {
                return toPaths(urls.getURLs());
            }
            return List.of(codeSource(fallback));
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

        private Path codeSource(Class<?> type) {
            try {
                return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException | RuntimeException unknown) {
                return Path.of(type.getName());
            }
        }

        ProcessorDefinition resolve() throws MojoExecutionException, MojoFailureException, InvalidConfigurationException {
            if (processorSource != null && !processorSource.getPath().isBlank()) {
                resolved = compileSource();
                return resolved;
            }
            resolved = find();
            if (getLog().isDebugEnabled()) {
                getLog().debug("processor " + resolved.name() + " is " + resolved.type().getName() + ", loaded from "
                        + (BuiltinProcessors.find(resolved.name()).isPresent() ? "the built-ins"
                                : projectLoader != null ? "the project's runtime class path" : "the plugin's dependencies"));
            }
            return resolved;
        }

        private ProcessorDefinition compileSource() throws MojoExecutionException, MojoFailureException {
            Path file = processorSource.toPath().toAbsolutePath().normalize();
            String shown = display(file);
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
            ProcessorSource source = ProcessorSource.builder(file, ProcessMojo.class.getClassLoader())
                    .displayPath(shown)
                    .encoding(sourceCharset())
                    .parentClasspath(pluginClasspath(ItemProcessor.class))
                    .libraries(sourceLibraries)
                    .cacheDirectory(executionDirectory().resolve("compiled"))
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
                getLog().warn(warning);
            }
            if (compiled.fromCache()) {
                getLog().debug("processor " + compiled.className() + " from " + shown + " is unchanged: reusing its compiled classes");
            } else {
                getLog().info("Compiled processor " + compiled.className() + " from " + shown + " (Java " + SourceProcessorCompiler.release() + ")");
            }
            try {
                return ProcessorDefinition.of(compiled.className(), compiled.processorClass());
            } catch (ProcessorLoadException e) {
                throw new MojoExecutionException("<processorSource> " + shown + ": " + e.getMessage(), e);
            }
        }

        private ProcessorDefinition find() throws MojoExecutionException, InvalidConfigurationException {
            ClassLoader pluginLoader = ProcessMojo.class.getClassLoader();
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
}
