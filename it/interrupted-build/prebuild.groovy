// Writes a hundred inputs, then runs a real Maven build of this project in a process of its own and stops it
// with SIGTERM (Process.destroy() on Linux and macOS; the mvn script execs the JVM, so the JVM gets it) once
// some outputs are committed. What the signal left is kept for verify.groovy:
//   interrupted-build.log         the stopped build's output
//   interrupted-build.properties  its exit code, and how many outputs there were when it was signalled
//   after-interrupt/              a copy of the whole output tree, hidden files included, as the build left it
// The build runs with the Maven, settings and local repository of the invoker's own builds.
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.util.concurrent.TimeUnit

int itemCount = 100
int signalAfterOutputs = 10
long patienceSeconds = 120

File items = new File(basedir, 'src/main/items')
(0..<itemCount).each { i ->
    File file = new File(items, "part-${i % 4}/item-${String.format('%03d', i)}.txt")
    file.parentFile.mkdirs()
    // Lengths differ from item to item, so a file cut short or mixed up with another shows.
    file.setText("item ${i}\n" + "line of item ${i}\n".toString() * (1 + i % 9), 'UTF-8')
}

File mavenHome = new File(forkMavenHome)
File mvn = new File(mavenHome, 'bin/mvn')
assert mvn.canExecute() : "no Maven to fork at ${mvn}"
// The invoker writes the settings of its builds next to the cloned projects while they run.
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
assert settings.isFile() : "the invoker's settings for the test builds are not at ${settings}"

File log = new File(basedir, 'interrupted-build.log')
ProcessBuilder builder = new ProcessBuilder(mvn.path, '-B', '-s', settings.path, "-Dmaven.repo.local=${localRepositoryPath}".toString(), '-Daether.remoteRepositoryFilter.prefixes=false',
        'generate-resources')
        .directory(basedir)
        .redirectErrorStream(true)
        .redirectOutput(log)
builder.environment().put('JAVA_HOME', System.getProperty('java.home'))

Path output = new File(basedir, 'target/generated-resources/parmap').toPath()
def committedOutputs = {
    if (!Files.isDirectory(output)) {
        return 0
    }
    Files.walk(output).withCloseable { paths ->
        paths.filter { Files.isRegularFile(it) && !output.relativize(it).toString().startsWith('.parmap-staging') }.count() as int
    }
}

Process build = builder.start()
int outputsWhenSignalled
try {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(patienceSeconds)
    while ((outputsWhenSignalled = committedOutputs()) < signalAfterOutputs) {
        assert build.alive : "the build ended (exit code ${build.exitValue()}) before it could be interrupted:\n${log.text}"
        assert System.nanoTime() < deadline : "no ${signalAfterOutputs} outputs after ${patienceSeconds} s:\n${log.text}"
        Thread.sleep(20)
    }
    build.destroy() // SIGTERM
    assert build.waitFor(patienceSeconds, TimeUnit.SECONDS) : "the build did not stop within ${patienceSeconds} s of SIGTERM"
} finally {
    if (build.alive) {
        build.destroyForcibly()
        build.waitFor(patienceSeconds, TimeUnit.SECONDS)
    }
}

Properties facts = new Properties()
facts.exitCode = build.exitValue() as String
facts.outputsWhenSignalled = outputsWhenSignalled as String
new File(basedir, 'interrupted-build.properties').withWriter('UTF-8') { facts.store(it, 'the build stopped by prebuild.groovy') }

Path copy = new File(basedir, 'after-interrupt').toPath()
Files.createDirectories(copy)
if (Files.isDirectory(output)) {
    Files.walk(output).withCloseable { paths ->
        paths.forEach { path ->
            Path target = copy.resolve(output.relativize(path).toString())
            if (Files.isDirectory(path)) {
                Files.createDirectories(target)
            } else {
                Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES)
            }
        }
    }
}
true
