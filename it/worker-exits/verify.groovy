// System.exit(3) in a worker JVM: the build fails, naming the file and how its worker ended; the other
// files' outputs are committed, the exiting file's staged copy is not, and no worker JVM is left running.

File out = new File(basedir, 'target/generated-resources/parmap')
String log = new File(basedir, 'build.log').getText('UTF-8')

assert log.contains('BUILD FAILURE')
assert log =~ /(?m)^\[INFO\] Processing 5 files from src\/main\/text to target\/generated-resources\/parmap with io\.github\.parmap\.it\.processors\.ExitOnMarker on 2 worker JVMs \(max heap \d+ MB each\)$/
assert log.contains('1 of 5 files failed in processor io.github.parmap.it.processors.ExitOnMarker:')
assert log =~ /(?m)^\[ERROR\]\s+sub\/exits\.txt: the worker JVM \(pid \d+\) exited with code 3$/
assert log =~ /(?m)^\[INFO\] Processed 4 of 5 files in .*, 1 failed$/
assert !(log =~ /(?m)^\s+at [\w$.]+ ?\(.*\)$/) : 'stack trace printed without -e'

for (name in ['a.txt', 'b.txt', 'c.txt', 'sub/d.txt']) {
    assert new File(out, name).isFile() : name
}
assert !new File(out, 'sub/exits.txt').exists()
assert !new File(out, '.parmap-staging').exists()
