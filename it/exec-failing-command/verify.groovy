// The failing file is named with the program, its exit code and what it printed to stderr; the other file's
// output is there; the failed file's output, which gzip had started to write, is not; no stack trace.

String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD FAILURE')
assert log =~ /(?m)^\[INFO\] Processed 1 of 2 files in .*, 1 failed$/
assert log =~ /(?m)^\[ERROR\] Failed to execute goal .* on project exec-failing-command: 1 of 2 files failed in processor exec:$/
List<String> lines = log.readLines()
int at = lines.findIndexOf { it == '[ERROR]   broken archive.gz: gzip exited with code 1; the last lines of its stderr:' }
assert at >= 0 : 'the failed file is not reported with its exit code'
assert lines[at + 1] ==~ /\[ERROR\]       gzip: .*broken archive\.gz: not in gzip format/ : lines[at + 1]
assert !(log =~ /(?m)^\s+at [\w$.]+ ?\(.*\)$/) : 'stack trace printed without -e'

File out = new File(basedir, 'target/generated-resources/parmap')
assert new File(out, 'good.txt').text == 'unpacked fine\n'
assert !new File(out, 'broken archive.txt').exists()
assert !new File(out, '.parmap-staging').exists()
