// A second build with nothing changed processes nothing: it logs "3 files up to date, 0 processed", creates
// no processor instance (UpperCase logs a line when an instance is closed; there is none), and leaves the
// outputs as they were. Touching the inputs without changing them (a fresh checkout) does not redo work
// either. The state lives under target/parmap/, not among the outputs, so it never reaches the jar.
import java.util.jar.JarFile

String log = new File(basedir, 'build.log').getText('UTF-8')
// build.log holds every build, each starting with Maven's "Scanning for projects".
List<String> builds = log.split(/(?m)^(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning for projects') }
assert builds.size() == 3
builds.eachWithIndex { build, i -> assert build.contains('BUILD SUCCESS') : "build ${i + 1} did not succeed" }
def (first, second, third) = builds

assert first =~ /(?m)^\[INFO\] Processed 3 of 3 files in \d+\.\d\d s \(.*, 3 outputs written\), 0 failed$/
// The line the negative checks below look for: present whenever a processor instance existed.
assert first =~ /(?m)^\[INFO\] UpperCase worker \d+ of \d+ upper-cased \d+ file\(s\)$/
// The step between builds is no part of a plain build.
assert !(first =~ /--- antrun:/)

[second: second, third: third].each { name, build ->
    assert build =~ /(?m)^\[INFO\] 3 files up to date, 0 processed \(\d+\.\d\d s\)$/ : "${name} build"
    assert !build.contains('UpperCase worker') : "${name} build created a processor"
    assert !(build =~ /(?m)^\[INFO\] Processed /) : "${name} build"
}
assert third =~ /(?m)^\[INFO\] --- antrun:3\.1\.0:run \(touch-inputs\)/

File out = new File(basedir, 'target/generated-resources/parmap')
File snapshot = new File(basedir, 'target/snapshot')
def expected = ['a.txt': 'ALPHA\n', 'b.txt': 'BRAVO\n', 'sub/c.txt': 'CHARLIE IN A FOLDER\n']
def written = []
out.eachFileRecurse { if (it.isFile()) written << out.toPath().relativize(it.toPath()).toString().replace('\\', '/') }
assert written.sort() == expected.keySet().sort() : 'the output directory holds exactly the outputs, no state'
expected.each { path, content ->
    File file = new File(out, path)
    assert file.getText('UTF-8') == content
    // Copied aside after the first build: neither later build rewrote it.
    assert file.lastModified() == new File(snapshot, path).lastModified() : "${path} was rewritten"
}
// The third build really saw new times: the inputs were touched after the first build wrote its outputs.
assert new File(basedir, 'src/main/text/a.txt').lastModified() > new File(snapshot, 'a.txt').lastModified()

assert new File(basedir, 'target/parmap/default/state.bin').isFile()
new JarFile(new File(basedir, 'target/up-to-date-second-run-1.0.jar')).withCloseable { jar ->
    def entries = jar.entries().toList().findAll { !it.directory }.collect { it.name }
    assert entries.containsAll(expected.keySet())
    assert !entries.any { it.contains('state.bin') || it.contains('journal.bin') }
}
