// A build stopped with SIGTERM in the middle of a run (prebuild.groovy) leaves only complete outputs: no
// staging area, no temporary or half-written file. The next build finishes the job and redoes only the files
// whose outputs were not committed, and its outputs equal those of a clean build.
import java.nio.file.Files
import java.nio.file.Path

Properties interrupted = new Properties()
new File(basedir, 'interrupted-build.properties').withReader('UTF-8') { interrupted.load(it) }
String interruptedLog = new File(basedir, 'interrupted-build.log').getText('UTF-8')
String log = new File(basedir, 'build.log').getText('UTF-8')
List<String> builds = log.split(/(?m)^(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning for projects') }
assert builds.size() == 2
String rebuild = builds[0]
String clean = builds[1]
[rebuild, clean].each { assert it.contains('BUILD SUCCESS') }

File inputs = new File(basedir, 'src/main/items')
Map<String, String> tree(File root) {
    Path base = root.toPath()
    Map<String, String> files = [:]
    if (root.exists()) {
        Files.walk(base).withCloseable { paths ->
            paths.filter { Files.isRegularFile(it) }.forEach { files[base.relativize(it).toString().replace(File.separatorChar, '/' as char)] = new String(Files.readAllBytes(it), 'UTF-8') }
        }
    }
    return files
}
Map<String, String> expected = tree(inputs) // SlowCopy copies every file
assert expected.size() == 100

// The stopped build: it was stopped by the signal while it processed, not finished or failed.
assert interruptedLog.contains('Processing 100 files from src/main/items to target/generated-resources/parmap')
assert !interruptedLog.contains('BUILD SUCCESS') && !interruptedLog.contains('BUILD FAILURE')
assert interrupted.exitCode == '143' : "the stopped build's exit code, 128 + SIGTERM: ${interrupted.exitCode}"

// What it left: only complete outputs, each at an input's path.
File afterInterrupt = new File(basedir, 'after-interrupt')
assert !new File(afterInterrupt, '.parmap-staging').exists() : "staging left behind: ${tree(new File(afterInterrupt, '.parmap-staging')).keySet()}"
Map<String, String> left = tree(afterInterrupt)
assert left.size() >= (interrupted.outputsWhenSignalled as int)
assert left.size() < expected.size() : 'the build was stopped too late to prove anything'
left.each { path, content ->
    assert expected.containsKey(path) : "a file that is no output was left in the output tree: ${path}"
    assert content == expected[path] : "a half-written output was left in the output tree: ${path}"
}

// The next build redoes only what the stopped one had not committed. An item committed in the instant before
// the JVM halted may have missed its record, so up to one per worker may be redone as well.
def summary = rebuild =~ /(?m)^\[INFO\] Processed (\d+) of 100 files in .*, (\d+) up to date, 0 failed; redone: \1 new input$/
assert summary.find() : 'the build after the interrupted one printed no summary with files up to date'
int processed = summary.group(1) as int
int upToDate = summary.group(2) as int
assert processed + upToDate == 100
assert processed < 100
assert upToDate <= left.size() && upToDate >= left.size() - 2 : "${left.size()} outputs were left, ${upToDate} were up to date"

// Its outputs equal a clean build's, and both are complete copies of the inputs.
Map<String, String> rebuilt = tree(new File(basedir, 'rebuilt'))
Map<String, String> cleanOutputs = tree(new File(basedir, 'target/generated-resources/parmap'))
assert clean =~ /(?m)^\[INFO\] Processed 100 of 100 files in .*, 0 failed$/
assert rebuilt == cleanOutputs
assert cleanOutputs == expected
