import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Time anchor of the benchmark suite for the no-op rebuild: the least a Java program does to tell that a
 * tree copied by parmap's {@code copy} is up to date, in a JVM that has run nothing before. It walks the
 * input tree reading each file's size and modification time, sorts the paths, then reads the attributes of
 * each file's output on as many threads as parmap has workers. Nothing else: no state file, no patterns, no
 * Maven. What it takes above a bare {@code find} is what a fresh JVM's cold code costs for that file work.
 *
 * <pre>java -cp DIR NoopFloor INPUT OUTPUT THREADS</pre>
 *
 * Prints {@code seconds=<time of the walk and the checks>}, leaving out the JVM's own start-up, as parmap's
 * summary line does for Maven's.
 */
public final class NoopFloor {
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Path input = Path.of(args[0]);
        Path output = Path.of(args[1]);
        int threads = Integer.parseInt(args[2]);
        List<String> files = new ArrayList<>();
        int prefix = input.toString().length() + 1;
        Files.walkFileTree(input, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) { // the walk read the size and time already, as parmap's scan does
                    files.add(file.toString().substring(prefix));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger present = new AtomicInteger();
        Thread[] checkers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            checkers[t] = new Thread(() -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < files.size(); ) {
                        BasicFileAttributes attributes = Files.readAttributes(output.resolve(files.get(i)), BasicFileAttributes.class);
                        if (attributes.isRegularFile()) {
                            present.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            checkers[t].start();
        }
        for (Thread checker : checkers) {
            checker.join();
        }
        if (present.get() != files.size()) {
            throw new IllegalStateException(present.get() + " of " + files.size() + " outputs found under " + output);
        }
        System.out.printf("seconds=%.6f%n", (System.nanoTime() - start) / 1e9);
    }
}
