package io.github.parmap.engine;

import io.github.parmap.Item;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One input file on its way through a worker: hands out staged output paths, then commits or discards them. */
final class WorkItem implements Item {
    private final Path path;
    private final String relativePath;
    private final Path outputDirectory;
    private final Path stagingDirectory;
    private final OutputClaims claims;
    private final Set<String> requestedOutputs = new LinkedHashSet<>();
    private RuntimeException rejectedOutput;

    WorkItem(Path path, String relativePath, Path outputDirectory, Path stagingDirectory, OutputClaims claims) {
        this.path = path;
        this.relativePath = relativePath;
        this.outputDirectory = outputDirectory;
        this.stagingDirectory = stagingDirectory;
        this.claims = claims;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public String relativePath() {
        return relativePath;
    }

    @Override
    public Path output(String relativeOutput) {
        try {
            String output = OutputPaths.normalize(relativeOutput);
            claims.claim(output, relativePath);
            Path staged = stagingDirectory.resolve(output);
            Files.createDirectories(staged.getParent());
            requestedOutputs.add(output);
            return staged;
        } catch (IllegalArgumentException e) {
            // Remembered so that a processor catching the exception still fails the item.
            rejectedOutput = e;
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare output '" + relativeOutput + "': " + e.getMessage(), e);
        }
    }

    /**
     * Moves every written output into the output directory, each with one atomic rename. If one cannot be
     * moved, the ones already moved are deleted again, so that a failed item leaves no output behind.
     *
     * @return how many outputs were committed
     */
    int commit() throws IOException {
        if (rejectedOutput != null) {
            throw rejectedOutput;
        }
        List<String> written = new ArrayList<>();
        for (String output : requestedOutputs) {
            if (Files.isRegularFile(stagingDirectory.resolve(output))) {
                Files.createDirectories(outputDirectory.resolve(output).getParent());
                written.add(output);
            }
        }
        List<Path> committed = new ArrayList<>();
        try {
            for (String output : written) {
                Path target = outputDirectory.resolve(output);
                Files.move(stagingDirectory.resolve(output), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                committed.add(target);
            }
        } catch (IOException | RuntimeException e) {
            // The item fails, so it must leave nothing behind: take back what was already moved into place.
            for (Path target : committed) {
                try {
                    Files.deleteIfExists(target);
                } catch (IOException notRemoved) {
                    e.addSuppressed(notRemoved);
                }
            }
            throw e;
        }
        discard();
        return committed.size();
    }

    /** Deletes whatever the item staged. */
    void discard() throws IOException {
        StagingArea.deleteTree(stagingDirectory);
    }
}
