// -Dparmap.force processes every file although none changed, and renews the state so the next build is up to
// date. -Dparmap.incremental=false processes every file and deletes the state directory; the next
// incremental build then processes every file once, and the one after that nothing.

String log = new File(basedir, 'build.log').getText('UTF-8')
// build.log holds every build, each starting with Maven's "Scanning for projects".
List<String> builds = log.split(/(?m)^(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning for projects') }
assert builds.size() == 6
builds.eachWithIndex { build, i -> assert build.contains('BUILD SUCCESS') : "build ${i + 1} did not succeed" }

def everything = /(?m)^\[INFO\] Processed 3 of 3 files in \d+\.\d\d s \(.*, 3 outputs written\), 0 failed(; redone: 3 forced)?$/
def nothing = /(?m)^\[INFO\] 3 files up to date, 0 processed \(\d+\.\d\d s\)$/
def upperCaseRan = /(?m)^\[INFO\] UpperCase worker \d+ of \d+ upper-cased \d+ file\(s\)$/
[1: everything, 2: everything, 3: nothing, 4: everything, 5: everything, 6: nothing].each { number, expected ->
    String build = builds[number - 1]
    assert build =~ expected : "build ${number}"
    assert (build =~ upperCaseRan).find() == (expected == everything) : "build ${number}: processor created or not"
}
// Only the forced build says it was forced; the others redo everything as a first build would, and say no more.
assert builds[1] =~ /(?m); redone: 3 forced$/
assert [0, 3, 4].every { !builds[it].contains('redone') }

File snapshots = new File(basedir, 'target/snapshots')
// Before build 4 the state was there (so the copy does catch it)...
assert new File(snapshots, 'before-4/default/state.bin').isFile()
// ...and build 4, with incremental builds off, removed the execution's state: only its timing report,
// written after every run, is in the execution's directory.
assert new File(snapshots, 'before-5').isDirectory()
def left = new File(snapshots, 'before-5/default').list() ?: [] as String[]
assert (left as List) - ['report.json'] == [] : "state left behind: ${left}"
// Build 5 wrote a new one.
assert new File(basedir, 'target/parmap/default/state.bin').isFile()

File out = new File(basedir, 'target/generated-resources/parmap')
assert new File(out, 'a.txt').getText('UTF-8') == 'ALPHA\n'
assert new File(out, 'b.txt').getText('UTF-8') == 'BRAVO\n'
assert new File(out, 'sub/c.txt').getText('UTF-8') == 'CHARLIE\n'
