package io.github.parmap.maven;

import io.github.parmap.engine.processor.CompiledProcessor;
import io.github.parmap.engine.state.ConfigurationFingerprint;
import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The digest of everything in an execution's configuration, besides an item's input, that decides its
 * outputs: what the incremental state and the cache keys are recorded under. Directories, the processor
 * source and extra inputs enter relative to the project's base directory, so that clones at other paths
 * agree.
 */
final class ConfigurationDigest {
    private ConfigurationDigest() {}

    /**
     * @param compiled the compiled processor source, or {@code null} for a processor class
     * @param classpath where the processor's code comes from; each entry enters with its content
     * @return the fingerprint, finished with {@link ConfigurationFingerprint#toHex()}; its setting digests
     *     tell the next build which settings changed
     */
    static ConfigurationFingerprint of(Path basedir, String pluginVersion, String processor, File processorSource, CompiledProcessor compiled,
            Charset sourceCharset, List<Path> classpath, Map<String, String> parameters, List<String> includes, List<String> excludes,
            File inputDirectory, File outputDirectory, List<String> extraInputs) throws IOException {
        ConfigurationFingerprint fingerprint = new ConfigurationFingerprint()
                .add("plugin", pluginVersion)
                .add("processor", processor == null || processor.isBlank() ? null : processor.trim());
        if (compiled != null) {
            // The source as it was compiled, and how: an edited source is a changed processor.
            fingerprint.add("processorSource", relative(basedir, processorSource))
                    .add("processorSourceDigest", compiled.sourceDigest())
                    .add("processorSourceEncoding", sourceCharset.name())
                    .add("compilerOptions", compiled.compilerOptions());
        }
        fingerprint.add("parameters", parameters)
                .add("includes", includes)
                .add("excludes", excludes)
                .add("inputDirectory", relative(basedir, inputDirectory))
                .add("outputDirectory", relative(basedir, outputDirectory));
        for (Path entry : classpath) {
            fingerprint.addContent("classpath", entry);
        }
        if (extraInputs != null && !extraInputs.isEmpty()) {
            fingerprint.add("extraInputs", extraInputs);
            for (Map.Entry<String, Path> extra : ExtraInputs.resolve(basedir, extraInputs).entrySet()) {
                fingerprint.addContent("extraInput " + extra.getKey(), extra.getValue());
            }
        }
        return fingerprint;
    }

    /** Directories enter relative to the project, so a moved or re-cloned project stays up to date. */
    private static String relative(Path basedir, File file) {
        Path base = basedir.toAbsolutePath().normalize();
        Path path = file.toPath().toAbsolutePath().normalize();
        return path.startsWith(base) ? base.relativize(path).toString().replace(File.separatorChar, '/') : path.toString();
    }
}
