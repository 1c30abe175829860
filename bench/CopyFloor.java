import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Memory anchor of the benchmark suite: the least a Java program does to copy a tree the way parmap's
 * {@code copy} does (walk, sort, copy each file into a per-thread staging directory, rename it into place,
 * remember what was written), with none of parmap's bookkeeping. Its peak RSS against an empty JVM shows
 * what the JVM's default heap sizing alone costs for that much file work.
 *
 * <pre>java -cp DIR CopyFloor INPUT OUTPUT THREADS    (no arguments: start and exit, the empty-JVM anchor)</pre>
 */
public final class CopyFloor {
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            return;
        }
        Path input = Path.of(args[0]);
        Path output = Path.of(args[1]);
        int threads = Integer.parseInt(args[2]);
        List<String> files = new ArrayList<>();
        Files.walkFileTree(input, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                files.add(input.relativize(file).toString());
                return FileVisitResult.CONTINUE;
            }
        });
        Collections.sort(files);
        Map<String, Long> written = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        Thread[] workers = new Thread[threads];
        for (int w = 0; w < threads; w++) {
            Path staging = Files.createDirectories(output.resolve(".staging").resolve(Integer.toString(w)));
            workers[w] = new Thread(() -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < files.size(); ) {
                        String file = files.get(i);
                        Path source = input.resolve(file);
                        Path staged = Files.copy(source, staging.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                        Path target = output.resolve(file);
                        try {
                            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
                        } catch (NoSuchFileException noParent) {
                            Files.createDirectories(target.getParent());
                            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
                        }
                        written.put(file, Files.size(target));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            workers[w].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.println("copied " + written.size() + " files");
    }
}
