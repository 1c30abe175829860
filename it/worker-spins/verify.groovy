// A spinning item in a worker JVM, 2 s item timeout: the file fails naming the limit, its worker JVM is
// killed (a thread in a loop that never looks at its interrupt could only be abandoned), the others are
// committed, and the build does not wait for the loop.

File out = new File(basedir, 'target/generated-resources/parmap')
String log = new File(basedir, 'build.log').getText('UTF-8')

assert log.contains('BUILD FAILURE')
assert log =~ /(?m)^\[ERROR\]\s+sub\/spins\.txt: timed out: still running after 2s \(itemTimeout\)$/
assert log =~ /(?m)^\[INFO\] Processed 4 of 5 files in .*, 1 failed$/
assert !log.contains('is abandoned') : 'the worker JVM is killed, not abandoned'

for (name in ['a.txt', 'b.txt', 'c.txt', 'sub/d.txt']) {
    assert new File(out, name).isFile() : name
}
assert !new File(out, 'sub/spins.txt').exists()
assert !new File(out, '.parmap-staging').exists()
