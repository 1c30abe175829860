package io.github.parmap.maven;

import io.github.parmap.engine.commit.OutputListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.logging.Log;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * Tells an IDE's incremental build (through Plexus' BuildContext) about every output written or deleted,
 * and, when the outputs are resources, deletes a stale output's copy in {@code target/classes} too: the
 * resources plugin copies files but never removes them, so the copy would otherwise stay in the jar until
 * {@code mvn clean}.
 */
final class BuildContextOutputListener implements OutputListener {
    private final BuildContext buildContext;
    private final Path outputDirectory;
    private final Path resourceCopies;
    private final Log log;

    /**
     * @param outputDirectory the run's output directory
     * @param resourceCopies where the resources plugin copies the outputs, or {@code null} when they are not
     *     resources
     */
    BuildContextOutputListener(BuildContext buildContext, Path outputDirectory, Path resourceCopies, Log log) {
        this.buildContext = buildContext;
        this.log = log;
        this.outputDirectory = outputDirectory.toAbsolutePath().normalize();
        this.resourceCopies = resourceCopies == null ? null : resourceCopies.toAbsolutePath().normalize();
    }

    @Override
    public void written(Path file) {
        buildContext.refresh(file.toFile());
    }

    @Override
    public void deleted(Path file) {
        buildContext.refresh(file.toFile());
        Path absolute = file.toAbsolutePath().normalize();
        if (resourceCopies != null && absolute.startsWith(outputDirectory)) {
            Path copy = resourceCopies.resolve(outputDirectory.relativize(absolute));
            try {
                if (Files.isRegularFile(copy) && Files.deleteIfExists(copy)) {
                    buildContext.refresh(copy.toFile());
                }
            } catch (IOException e) {
                log.warn("Could not remove the stale copy " + copy + " (" + e.getMessage() + "); it stays until mvn clean");
            }
        }
    }
}
