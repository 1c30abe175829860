// After an edit, a deletion and an addition, the second build processes exactly the edited and the new
// input, removes the deleted input's output, leaves the other outputs alone (same modification time as
// after the first build), and its summary counts all of that.

String log = new File(basedir, 'build.log').getText('UTF-8')
// build.log holds both builds, each starting with Maven's "Scanning for projects".
List<String> builds = log.split(/(?m)^(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning for projects') }
assert builds.size() == 2
builds.eachWithIndex { build, i -> assert build.contains('BUILD SUCCESS') : "build ${i + 1} did not succeed" }
def (first, second) = builds

// Which files each build processed, from the processor's own log lines.
def processedIn = { String build -> (build =~ /(?m)^\[INFO\] AppendSuffix wrote (\S+)$/).collect { it[1] }.sort() }
assert processedIn(first) == ['edit-me.txt', 'keep.txt', 'sub/delete-me.txt', 'sub/keep-too.txt']
assert processedIn(second) == ['edit-me.txt', 'sub/added.txt']

assert first =~ /(?m)^\[INFO\] Processed 4 of 4 files in \d+\.\d\d s \(.*, 4 outputs written\), 0 failed$/
assert second =~ /(?m)^\[INFO\] Processed 2 of 4 files in \d+\.\d\d s \(.*, 2 outputs written\), 2 up to date, 0 failed, 1 stale output removed; redone: 1 new input, 1 input changed$/

File out = new File(basedir, 'target/generated-resources/parmap')
File snapshot = new File(basedir, 'target/snapshot')
def expected = [
        'keep.txt'        : 'kept as is\n[done]',
        'sub/keep-too.txt': 'kept in a folder\n[done]',
        'edit-me.txt'     : 'second draft, longer\n[done]',
        'sub/added.txt'   : 'brand new\n[done]',
]
def written = []
out.eachFileRecurse { if (it.isFile()) written << out.toPath().relativize(it.toPath()).toString().replace('\\', '/') }
assert written.sort() == expected.keySet().sort() : 'sub/delete-me.txt must be gone, nothing else left over'
expected.each { path, content -> assert new File(out, path).getText('UTF-8') == content : path }

// The snapshot is the output directory as the first build left it.
assert new File(snapshot, 'sub/delete-me.txt').getText('UTF-8') == 'soon gone\n[done]'
assert new File(snapshot, 'edit-me.txt').getText('UTF-8') == 'first draft\n[done]'
for (path in ['keep.txt', 'sub/keep-too.txt']) {
    assert new File(out, path).lastModified() == new File(snapshot, path).lastModified() : "${path} was rewritten"
}

// The deleted input's output is gone from target/classes and the jar too, not only from the output directory.
assert !new File(basedir, 'target/classes/sub/delete-me.txt').exists()
assert new File(basedir, 'target/classes/sub/added.txt').isFile()
new java.util.jar.JarFile(new File(basedir, 'target/incremental-edit-delete-add-1.0.jar')).withCloseable { jar ->
    assert jar.getEntry('sub/delete-me.txt') == null
    assert jar.getEntry('sub/added.txt') != null
}
