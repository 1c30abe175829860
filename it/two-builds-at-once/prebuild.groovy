// Writes a hundred inputs, each taking 200 ms, and runs two real Maven builds of this project at once, each in a process of its own,
// with the Maven, settings and local repository of the invoker's own builds. The second starts once the
// first has committed some outputs. Their logs and exit codes are kept for verify.groovy:
//   first-build.log, second-build.log, builds.properties
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

int itemCount = 100
long patienceSeconds = 180

File items = new File(basedir, 'src/main/items')
(0..<itemCount).each { i ->
    File file = new File(items, "item-${String.format('%03d', i)}.txt")
    file.parentFile.mkdirs()
    file.setText("item ${i}\n".toString() * (1 + i % 5), 'UTF-8')
}

File mvn = new File(forkMavenHome, 'bin/mvn')
assert mvn.canExecute() : "no Maven to fork at ${mvn}"
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
assert settings.isFile() : "the invoker's settings for the test builds are not at ${settings}"

Process start(String name) {
    File mvn = new File(forkMavenHome, 'bin/mvn')
    File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
    ProcessBuilder builder = new ProcessBuilder(mvn.path, '-B', '-s', settings.path, "-Dmaven.repo.local=${localRepositoryPath}".toString(), '-Daether.remoteRepositoryFilter.prefixes=false',
            'generate-resources')
            .directory(basedir)
            .redirectErrorStream(true)
            .redirectOutput(new File(basedir, "${name}.log"))
    builder.environment().put('JAVA_HOME', System.getProperty('java.home'))
    return builder.start()
}

Path output = new File(basedir, 'target/generated-resources/parmap').toPath()
def committedOutputs = {
    if (!Files.isDirectory(output)) {
        return 0
    }
    Files.walk(output).withCloseable { paths ->
        paths.filter { Files.isRegularFile(it) && !output.relativize(it).toString().startsWith('.parmap-staging') }.count() as int
    }
}

Process first = start('first-build')
Process second = null
try {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(patienceSeconds)
    while (committedOutputs() < 4) {
        assert first.alive : "the first build ended before the second could start:\n${new File(basedir, 'first-build.log').text}"
        assert System.nanoTime() < deadline : "no outputs after ${patienceSeconds} s"
        Thread.sleep(20)
    }
    second = start('second-build')
    assert first.waitFor(patienceSeconds, TimeUnit.SECONDS) : 'the first build did not finish'
    assert second.waitFor(patienceSeconds, TimeUnit.SECONDS) : 'the second build did not finish'
    new File(basedir, 'builds.properties').text = "first=${first.exitValue()}\nsecond=${second.exitValue()}\n"
} finally {
    [first, second].findAll { it != null && it.alive }.each { it.destroyForcibly() }
}
true
