// <itemTimeout> 1s with two files that hang (SleepOnMarker sleeps 20 s on them; slow.txt stops when
// interrupted, sub/stubborn.txt does not): the build fails naming both files and the limit, the other files'
// outputs are there, the hanging files' outputs are not, and no staging is left. The stubborn file's worker
// is abandoned and replaced, so the build ends long before the 20 s are up.
// A second build with -Dparmap.itemTimeout=banana fails naming the parameter, the value and the forms it takes.

File out = new File(basedir, 'target/generated-resources/parmap')
String log = new File(basedir, 'build.log').getText('UTF-8')

// build.log holds both builds, each starting with Maven's "Scanning for projects".
List<String> builds = log.split(/(?m)^(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning for projects') }
assert builds.size() == 2
String timedOut = builds[0]
String banana = builds[1]

// 1: the timeouts
assert timedOut.contains('BUILD FAILURE')
assert timedOut.contains('2 of 6 files failed in processor io.github.parmap.it.processors.SleepOnMarker:')
assert timedOut =~ /(?m)^\[ERROR\]\s+slow\.txt: timed out: still running after 1s \(itemTimeout\)$/
assert timedOut =~ /(?m)^\[ERROR\]\s+sub\/stubborn\.txt: timed out: still running after 1s \(itemTimeout\)$/
assert !timedOut.contains('fast-') : 'a fast file was reported as failed'
assert timedOut =~ /(?m)^\[INFO\] Processed 4 of 6 files in .*, 2 failed$/
assert timedOut =~ /(?m)^\[WARNING\] Worker \d did not stop 2 s after its item timed out; it is abandoned and a new worker takes its place$/
assert !(timedOut =~ /(?m)^\s+at [\w$.]+ ?\(.*\)$/) : 'stack trace printed without -e'

assert new File(out, 'fast-1.txt').text == 'quick one\n'
assert new File(out, 'fast-2.txt').text == 'quick two\n'
assert new File(out, 'sub/fast-3.txt').text == 'quick three\n'
assert new File(out, 'sub/fast-4.txt').text == 'quick four\n'
assert !new File(out, 'slow.txt').exists()
assert !new File(out, 'sub/stubborn.txt').exists()
assert !new File(out, '.parmap-staging').exists()

// 2: -Dparmap.itemTimeout=banana
assert banana.contains('BUILD FAILURE')
String error = banana.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null
assert error.contains("<itemTimeout> must be a positive whole number with a unit: ms, s, m or h (such as 500ms, 30s, 2m or 1h), was: 'banana'")
assert error.contains('-Dparmap.itemTimeout')
assert !banana.contains('Processing ') : 'no file may be touched with a bad itemTimeout'
assert !(banana =~ /(?m)^\s+at [\w$.]+ ?\(.*\)$/) : 'stack trace printed without -e'
