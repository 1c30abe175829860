// A failed item is never marked up to date: the next build, with nothing changed, tries exactly the failed
// file again (and fails again); once the file is fixed, a build processes it alone and succeeds. The good
// files' outputs are written once, by the first build.

String log = new File(basedir, 'build.log').getText('UTF-8')
// build.log holds every build, each starting with Maven's "Scanning for projects".
List<String> builds = log.split(/(?m)^(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning for projects') }
assert builds.size() == 3
def (first, second, third) = builds
assert first.contains('BUILD FAILURE')
assert second.contains('BUILD FAILURE')
assert third.contains('BUILD SUCCESS')

assert first =~ /(?m)^\[INFO\] Processed 2 of 3 files in .*, 1 failed$/
assert second =~ /(?m)^\[INFO\] Processed 0 of 3 files in .*, 2 up to date, 1 failed; redone: 1 failed in the last build$/
assert third =~ /(?m)^\[INFO\] Processed 1 of 3 files in \d+\.\d\d s \(.*, 1 output written\), 2 up to date, 0 failed; redone: 1 failed in the last build$/
[first, second].each { build ->
    assert build.contains('1 of 3 files failed in processor io.github.parmap.it.processors.FailOnMarker:')
    assert build =~ /(?m)^\[ERROR\]\s+flawed\.txt: IllegalStateException: content contains the marker BAD at offset 12$/
}
assert !third.contains('flawed.txt:')

File out = new File(basedir, 'target/generated-resources/parmap')
File snapshot = new File(basedir, 'target/snapshot')
assert new File(out, 'flawed.txt').getText('UTF-8') == 'this one is repaired\n'
// Taken after the second build: the failed file had no output then.
assert !new File(snapshot, 'flawed.txt').exists()
for (path in ['good-1.txt', 'sub/good-2.txt']) {
    assert new File(out, path).isFile()
    assert new File(out, path).lastModified() == new File(snapshot, path).lastModified() : "${path} was rewritten"
}
