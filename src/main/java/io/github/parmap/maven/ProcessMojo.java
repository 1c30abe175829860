package io.github.parmap.maven;

import io.github.parmap.ItemProcessor;
import io.github.parmap.engine.DurationSetting;
import io.github.parmap.engine.Isolation;
import io.github.parmap.engine.ParallelRun;
import io.github.parmap.engine.ProcessingRequest;
import io.github.parmap.engine.Shard;
import io.github.parmap.engine.SizeSetting;
import io.github.parmap.engine.WorkerCount;
import io.github.parmap.engine.builtin.BuiltinProcessors;
import io.github.parmap.engine.cache.CacheSettings;
import io.github.parmap.engine.cache.RemoteCacheSettings;
import io.github.parmap.engine.isolation.WorkerJvm;
import io.github.parmap.engine.processor.ProcessorDefinition;
import io.github.parmap.engine.report.ProcessingResult;
import io.github.parmap.engine.state.ConfigurationFingerprint;
import io.github.parmap.engine.state.Incremental;
import io.github.parmap.engine.support.InvalidConfigurationException;
import io.github.parmap.engine.support.RunStoppedException;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.codehaus.plexus.util.cli.CommandLineUtils;
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
@Mojo(name = "process", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true, requiresProject = false)
public class ProcessMojo extends AbstractMojo {
    /**
     * The directory scanned for input files. A directory that does not exist is skipped with one INFO line.
     */
    @Parameter(property = PropertyNames.INPUT_DIRECTORY, defaultValue = "${project.basedir}/src/main/resources")
    private File inputDirectory;

    /**
     * Ant-style patterns, relative to {@code inputDirectory}, of the files to process, for example
     * {@code **}{@code /*.png}. A pattern ending in {@code /} means everything below that directory.
     * Default: every file. From the command line, comma-separated: {@code -Dparmap.includes=**}{@code /*.css,**}{@code /*.js}.
     */
    @Parameter(property = PropertyNames.INCLUDES)
    private List<String> includes;

    /**
     * Ant-style patterns of files not to process, relative to {@code inputDirectory}. Maven's default
     * excludes (version control metadata such as {@code .git/} and operating system files such as
     * {@code .DS_Store}) always apply as well. From the command line, comma-separated.
     */
    @Parameter(property = PropertyNames.EXCLUDES)
    private List<String> excludes;

    /**
     * Where outputs are written, each at the relative path its processor chose. Must differ from
     * {@code inputDirectory}, must not contain it, and must not contain {@code ${project.build.directory}/parmap},
     * where the build state lives; the directories are compared as the file system sees them, so a symbolic
     * link to {@code inputDirectory} is refused too. When it lies inside {@code inputDirectory} it is not
     * scanned for inputs.
     */
    @Parameter(property = PropertyNames.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}/generated-resources/parmap")
    private File outputDirectory;

    /**
     * Whether to add {@code outputDirectory} to the project's resources, so that {@code process-resources}
     * copies the outputs into {@code target/classes} and they end up in the jar.
     */
    @Parameter(property = PropertyNames.ADD_RESOURCES, defaultValue = "true")
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
     * <li>{@code precompress}: writes {@code REL.gz}, {@code REL.br} and {@code REL.zst} from one scan;
     * {@code formats}, a comma-separated list of {@code gzip}, {@code brotli}, {@code zstd} (default all
     * three), and {@code gzipLevel}, {@code brotliLevel}, {@code zstdLevel}, as {@code level} above.</li>
     * <li>The four compressors keep a sibling only if it is at most {@code minRatio} (default 0.8) times the
     * file's size ({@code Infinity} keeps all), and do not compress files under {@code threshold} bytes
     * (default 0). A file that keeps no sibling writes nothing, is counted in the summary
     * ({@code 12 not smaller, skipped}) and stays up to date until it changes.</li>
     * <li>{@code checksum}: writes {@code REL.sha256}, one line (the hex digest, two spaces, the file name
     * without folders) that {@code sha256sum -c} checks in the folder holding the file and its checksum; {@code algorithm}
     * {@code sha256} (default) or {@code sha512} (writes {@code REL.sha512}).</li>
     * <li>{@code resize-image}: writes each image scaled down to fit {@code width} and/or {@code height} pixels,
     * upright by its EXIF orientation, keeping its aspect ratio and never enlarging it; reads JPEG (CMYK too),
     * PNG, WebP, GIF, BMP and TIFF, telling the format by content; {@code format} {@code png} or {@code jpeg}
     * (default: JPEG stays JPEG, anything else becomes PNG; a new format replaces the extension),
     * {@code quality} 1 to 100 for JPEG, default 85; {@code maxPixels}, the largest image decoded, default
     * 100,000,000: a larger one, or a truncated or damaged file, fails its item.</li>
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
    @Parameter(property = PropertyNames.PROCESSOR)
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
     * <p>One of {@code processor} and {@code processorSource} is required, and only one may be set.
     */
    @Parameter(property = PropertyNames.PROCESSOR_SOURCE)
    private File processorSource;

    /**
     * Parameters handed to the processor, as a map of element name to text, for example
     * {@code <parameters><width>256</width></parameters>}. Processors read them from
     * {@code ProcessorContext.parameters()}. From the command line, one user property per parameter, named
     * {@code parmap.parameter.} and the parameter's name: {@code -Dparmap.parameter.level=9}. A parameter set
     * in the pom wins over the same one from the command line.
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
     * Whether to say, for every file an incremental build processes again, why: one INFO line per file, such
     * as {@code css/site.css: input changed}, after the summary line (which counts the reasons either way).
     * The reasons: new input, input changed, output missing or modified, configuration changed (the line
     * before the first file names the settings that changed, such as {@code <parameters><level>}, never their
     * values), processor changed, failed in the last build, forced. At DEBUG level ({@code mvn -X}) the lines
     * are logged without this. {@code target/parmap/<execution id>/report.json} records each file's reason.
     */
    @Parameter(property = PropertyNames.EXPLAIN, defaultValue = "false")
    private boolean explain;

    /**
     * Files the processor reads besides each item, such as a template or a configuration file: paths or
     * Ant-style patterns relative to the project's base directory ({@code src/build/template.html},
     * {@code src/build/config/**}), a directory meaning every file below it. Their content joins the
     * configuration fingerprint, so that changing one redoes every item in an incremental build and leads
     * to other cache keys. A processor that reads files not declared here can get stale results, from an
     * incremental build and from the build cache alike. From the command line, comma-separated.
     */
    @Parameter(property = PropertyNames.EXTRA_INPUTS)
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

    /**
     * Where the workers run their items. {@code none}, the default, runs them as threads of the build's JVM:
     * the fastest, for processors that behave. {@code process} runs each worker in a JVM of its own, started
     * on its first item and reused for the next: a processor that calls {@code System.exit}, crashes in
     * native code, runs out of memory or spins where no interrupt reaches it then fails only the item it was
     * on, with a message naming the file and how its worker ended, and a fresh worker takes over. Outputs,
     * incremental builds, the cache and the report are the same either way; the build's JVM still commits
     * every output. Without a heap option in {@code workerArgLine}, the workers together get at most a
     * quarter of physical memory as heap, split evenly; the run's first line says how much each has. When
     * a run ends, its worker JVMs wait 10 seconds for the next execution or module of the build whose
     * workers would start the same way (same JVM options and class path), which takes them over.
     */
    @Parameter(property = PropertyNames.ISOLATION, defaultValue = "none")
    private String isolation;

    /**
     * After this many processed items a worker is replaced: with {@code isolation} {@code process} by a new
     * JVM, without by a new processor instance (the old one is closed). For processors that leak memory or
     * keep state between items; {@code 1} gives every item a fresh JVM. With a limit, no worker JVM is kept
     * for the next execution. Default: no limit.
     */
    @Parameter(property = PropertyNames.MAX_ITEMS_PER_WORKER)
    private Integer maxItemsPerWorker;

    /**
     * JVM options for the worker JVMs of {@code isolation} {@code process}, such as
     * {@code -Xmx512m -Dfoo=bar}; split at spaces, and quotes keep a value with spaces whole, as for
     * surefire's {@code argLine}. A heap option here replaces the default heap. Ignored, with a WARNING,
     * without process isolation.
     */
    @Parameter(property = PropertyNames.WORKER_ARG_LINE)
    private String workerArgLine;

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
        inputDirectory = inCurrentFolder(inputDirectory);
        outputDirectory = inCurrentFolder(outputDirectory);
        requireSet(inputDirectory, "inputDirectory");
        requireSet(outputDirectory, "outputDirectory");
        Path input = inputDirectory.toPath().toAbsolutePath().normalize();
        if (!Files.exists(input)) {
            getLog().info("Skipping parmap: input directory " + display(input) + " does not exist");
            return;
        }
        ProcessingResult result;
        String processorName;
        try (ProcessorLookup lookup = new ProcessorLookup(project, session, dependenciesResolver, processor, processorSourcePath(),
                sourceCharset(), executionDirectory().resolve("compiled"), this::display, getLog())) {
            int cores = Runtime.getRuntime().availableProcessors();
            int workerCount = WorkerCount.parse(workers, cores);
            getLog().debug("workers '" + workers + "' means " + workerCount + " on " + cores + " cores");
            Duration timeout = DurationSetting.parse("itemTimeout", itemTimeout);
            Shard slice = shard == null || shard.isBlank() ? null : Shard.parse(shard);
            WorkerJvm workerJvm = workerJvm(Isolation.parse(isolation));
            Map<String, String> processorParameters = processorParameters();
            ProcessorDefinition definition = lookup.resolve();
            processorName = definition.name();
            // Hashing the processor's class path takes a moment: only incremental builds and the cache need it.
            ConfigurationFingerprint configuration = !incremental && !cacheWanted() ? null : ConfigurationDigest.of(baseDirectory(),
                    pluginVersion, processor, processorSource, lookup.compiled(), sourceCharset(), lookup.classpath(), processorParameters,
                    includes, excludes, inputDirectory, outputDirectory, extraInputs);
            String fingerprint = configuration == null ? null : configuration.toHex();
            if (!incremental) {
                // A later incremental build must start from nothing, not trust a state that no longer describes the outputs.
                Incremental.deleteState(executionDirectory());
            }
            ProcessingRequest request = ProcessingRequest.builder(input, outputDirectory.toPath(), definition)
                    .filter(new AntPathFilter(includes, excludes))
                    .parameters(processorParameters)
                    .workers(workerCount)
                    .itemTimeout(timeout)
                    .reportFile(executionDirectory().resolve("report.json"))
                    .failFast(failFast)
                    .log(new MavenRunLog(getLog()))
                    .displayBase(baseDirectory())
                    .incremental(incremental ? new Incremental(executionDirectory(), fingerprint, force)
                            .withSettingDigests(configuration.settingDigests()) : null)
                    .explain(explain)
                    .cache(cacheSettings(fingerprint, slice))
                    .shard(slice)
                    .workerJvm(workerJvm == null ? null : WorkerJvm.of(lookup.workerClasspath(), workerJvm.options()))
                    .maxItemsPerWorker(maxItemsPerWorker())
                    .outputListener(new BuildContextOutputListener(buildContext, outputDirectory.toPath(),
                            addResources && !outsideAProject() ? Path.of(project.getBuild().getOutputDirectory()) : null, getLog()))
                    .build();
            result = ParallelRun.execute(request);
        } catch (InvalidConfigurationException e) {
            throw invalidParameter(e);
        } catch (RunStoppedException e) {
            throw new MojoExecutionException("parmap could not process " + display(input) + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("parmap could not process " + display(input) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("parmap was interrupted", e);
        }
        if (addResources && !outsideAProject()) {
            ProjectResources.add(project, outputDirectory, mojoExecution == null ? null : mojoExecution.getLifecyclePhase(),
                    display(outputDirectory.toPath()), getLog());
        }
        if (!result.succeeded()) {
            throw FailureReport.toException(result, processorName);
        }
    }

    /**
     * @return the processor's parameters: those given on the command line as {@code -Dparmap.parameter.NAME},
     *     and over them those of the pom, which win as every pom setting does
     */
    private Map<String, String> processorParameters() {
        Map<String, String> merged = new TreeMap<>();
        Properties commandLine = session == null ? new Properties() : session.getUserProperties();
        for (String name : commandLine.stringPropertyNames()) {
            if (name.startsWith(PropertyNames.PARAMETER_PREFIX) && name.length() > PropertyNames.PARAMETER_PREFIX.length()) {
                merged.put(name.substring(PropertyNames.PARAMETER_PREFIX.length()), commandLine.getProperty(name));
            }
        }
        if (parameters != null) {
            merged.putAll(parameters);
        }
        return merged;
    }

    /** @return how worker JVMs start, without their class path yet, or {@code null} without process isolation */
    private WorkerJvm workerJvm(Isolation chosen) throws MojoExecutionException {
        boolean argLine = workerArgLine != null && !workerArgLine.isBlank();
        if (chosen == Isolation.NONE) {
            if (argLine) {
                getLog().warn("<workerArgLine> is ignored: it applies to worker JVMs, which only <isolation>process</isolation> starts");
            }
            return null;
        }
        List<String> options = List.of();
        if (argLine) {
            try {
                options = List.of(CommandLineUtils.translateCommandline(workerArgLine));
            } catch (Exception e) {
                throw new MojoExecutionException("<workerArgLine> must be JVM options separated by spaces, was: '" + workerArgLine + "' ("
                        + e.getMessage() + ")", e);
            }
        }
        return WorkerJvm.of(List.of(), options);
    }

    private int maxItemsPerWorker() throws InvalidConfigurationException {
        if (maxItemsPerWorker == null) {
            return 0;
        }
        if (maxItemsPerWorker < 1) {
            throw new InvalidConfigurationException("maxItemsPerWorker", maxItemsPerWorker.toString(),
                    "a whole number of 1 or more (leave it unset for no limit)");
        }
        return maxItemsPerWorker;
    }

    /** A parameter's value that the engine cannot use, named with where it can be set. */
    private static MojoExecutionException invalidParameter(InvalidConfigurationException e) {
        String remedy = "outputDirectory".equals(e.parameter())
                ? ". Set <outputDirectory> to a folder of its own, such as the default ${project.build.directory}/generated-resources/parmap"
                : PropertyNames.of(e.parameter()).map(property -> " (set in the plugin configuration or with -D" + property + ")").orElse("");
        return new MojoExecutionException(e.getMessage() + remedy, e);
    }

    /** @return the build cache settings, or {@code null} when neither the local nor the remote cache is on */
    private CacheSettings cacheSettings(String fingerprint, Shard slice) throws MojoExecutionException, InvalidConfigurationException {
        if (!cacheWanted()) {
            return null;
        }
        String url = remoteCacheUrl == null || remoteCacheUrl.isBlank() ? null : remoteCacheUrl.trim();
        Path localDirectory = cache ? (cacheDirectory != null ? cacheDirectory.toPath() : defaultCacheDirectory()) : null;
        long maxSize = cache ? SizeSetting.parse("cacheMaxSize", cacheMaxSize) : 0;
        RemoteCacheSettings remote = null;
        if (url != null) {
            Duration timeout = DurationSetting.seconds("remoteCacheTimeout", remoteCacheTimeout);
            SettingsCredentials credentials = SettingsCredentials.of(session, settingsDecrypter, remoteCacheServerId, "the remote cache", getLog());
            remote = RemoteCacheSettings.of(url, remoteCachePush, credentials.username(), credentials.password(), timeout,
                    remoteCacheAllowInsecureProtocol);
        }
        if (slice != null && (remote == null || !remote.push())) {
            getLog().warn("<shard> is set but <remoteCachePush> is not: the items of this slice are not shared with the other jobs");
        }
        return new CacheSettings(fingerprint, localDirectory, maxSize, remote);
    }

    private boolean cacheWanted() {
        return cache || (remoteCacheUrl != null && !remoteCacheUrl.isBlank());
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

    /** @return where this execution keeps its state and its compiled processor source */
    private Path executionDirectory() {
        String id = mojoExecution == null ? null : mojoExecution.getExecutionId();
        return buildDirectory().resolve("parmap").resolve(id == null || id.isBlank() ? "default" : id.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** @return whether the goal runs outside any project, from the command line in a folder without a pom */
    private boolean outsideAProject() {
        return project == null || project.getBasedir() == null;
    }

    /** @return the project's base directory, or outside a project the folder Maven was started in */
    private Path baseDirectory() {
        if (!outsideAProject()) {
            return project.getBasedir().toPath().toAbsolutePath();
        }
        String root = session == null ? null : session.getExecutionRootDirectory();
        return Path.of(root != null ? root : System.getProperty("user.dir")).toAbsolutePath();
    }

    /** @return the project's build directory, or outside a project {@code target} of the current folder */
    private Path buildDirectory() {
        return outsideAProject() ? baseDirectory().resolve("target") : Path.of(project.getBuild().getDirectory());
    }

    /**
     * Outside a project, Maven leaves {@code ${project.basedir}} in the defaults unresolved (the stub project
     * it runs the goal in has no base directory): it stands for the current folder.
     */
    private File inCurrentFolder(File configured) {
        if (configured == null || !outsideAProject()) {
            return configured;
        }
        String path = configured.getPath();
        int unresolved = path.indexOf("${project.basedir}");
        if (unresolved < 0) {
            return configured;
        }
        String rest = path.substring(unresolved + "${project.basedir}".length()).replaceFirst("^[/\\\\]+", "");
        return baseDirectory().resolve(rest).toFile();
    }

    private Path processorSourcePath() {
        return processorSource == null || processorSource.getPath().isBlank() ? null : processorSource.toPath();
    }

    /** Exactly one of {@code processor} and {@code processorSource} says what to run. */
    private void checkProcessorChoice() throws MojoExecutionException {
        boolean hasProcessor = processor != null && !processor.isBlank();
        boolean hasSource = processorSourcePath() != null;
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

    private static void requireSet(File directory, String parameter) throws MojoExecutionException {
        if (directory == null || directory.getPath().isBlank()) {
            throw new MojoExecutionException("<" + parameter + "> must name a directory, but it is empty");
        }
    }

    private String display(Path path) {
        Path base = baseDirectory();
        return path.startsWith(base) && !path.equals(base) ? base.relativize(path).toString() : path.toString();
    }
}
