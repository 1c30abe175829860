// A failing item fails the build once, after every item was tried: each failed file is named with the
// processor's message, good files' outputs exist, failed files' outputs do not, no staging is left, and
// no stack trace is printed unless the user asks for it with -e.

File out = new File(basedir, 'target/generated-resources/parmap')
String log = new File(basedir, 'build.log').getText('UTF-8')

// build.log holds both builds, each starting with Maven's "Scanning for projects".
List<String> builds = log.split(/(?m)^(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning for projects') }
assert builds.size() == 2
String plain = builds[0]
String withE = builds[1]

// The second build redoes only the failed files: the good ones are up to date, failed ones never are.
assert plain =~ /(?m)^\[INFO\] Processed 2 of 4 files in .*, 2 failed$/
assert withE =~ /(?m)^\[INFO\] Processed 0 of 4 files in .*, 2 up to date, 2 failed; redone: 2 failed in the last build$/

[plain, withE].each { build ->
    assert build.contains('BUILD FAILURE')
    assert build.contains('2 of 4 files failed in processor io.github.parmap.it.processors.FailOnMarker:')
    assert build =~ /(?m)^\[ERROR\]\s+bad-2\.txt: IllegalStateException: content contains the marker BAD at offset 12$/
    assert build =~ /(?m)^\[ERROR\]\s+sub\/bad-1\.txt: IllegalStateException: content contains the marker BAD at offset 0$/
    assert !build.contains('good-1.txt:') && !build.contains('good-2.txt:')
}

// Without -e: no raw Java stack trace (no "at ..." frames, no "Caused by").
def frame = /(?m)^\s+at [\w$.]+ ?\(.*\)$/
assert !(plain =~ frame) : 'stack trace printed without -e'
assert !plain.contains('Caused by:')
// With -e the processor's own stack trace is there for whoever wants it.
assert withE =~ frame
assert withE =~ /(?m)^\s+Caused by: java\.lang\.IllegalStateException: content contains the marker BAD at offset 12$/
assert withE =~ /(?m)^\s+at io\.github\.parmap\.it\.processors\.FailOnMarker\.process ?\(FailOnMarker\.java:\d+\)$/

assert new File(out, 'good-1.txt').text == 'all good here\n'
assert new File(out, 'sub/good-2.txt').text == 'fine as well\n'
// FailOnMarker copies the file before it throws: what it wrote must be gone.
assert !new File(out, 'bad-2.txt').exists()
assert !new File(out, 'sub/bad-1.txt').exists()
assert !new File(out, '.parmap-staging').exists()
