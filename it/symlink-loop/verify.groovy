// A symbolic link loop in the input directory (a/loop -> ..) is reported with one WARNING naming the link,
// and the scan goes on: both builds end, the files are copied once each, and the link to a file outside the
// input directory is followed, its output a copy of the target under the link's name.
import java.nio.file.Files

String log = new File(basedir, 'build.log').getText('UTF-8')
List<String> builds = log.split(/(?m)^(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning for projects') }
assert builds.size() == 2
builds.eachWithIndex { build, i -> assert build.contains('BUILD SUCCESS') : "build ${i + 1} did not succeed" }
def (first, second) = builds

String warning = '[WARNING] Skipping a/loop: a symbolic link that leads back to one of its own parent directories'
builds.each { build ->
    // Maven 4 warns of its own about the unlocked versions of the default lifecycle's plugins: not parmap's.
    assert build.readLines().count { it.startsWith('[WARNING]') && !it.contains('integrity') && !it.contains('Checksum')
            && !it.contains('Version not locked for default bindings plugins') } == 1 : build
    assert build.readLines().contains(warning)
}
assert first =~ /(?m)^\[INFO\] Processed 3 of 3 files in \d+\.\d\d s \(.*, 3 outputs written\), 0 failed$/
assert second =~ /(?m)^\[INFO\] 3 files up to date, 0 processed \(\d+\.\d\d s\)$/

File out = new File(basedir, 'target/generated-resources/parmap')
def written = []
out.eachFileRecurse { if (it.isFile()) written << out.toPath().relativize(it.toPath()).toString() }
assert written.sort() == ['a/file.txt', 'b.txt', 'linked.txt']
assert new File(out, 'linked.txt').text == 'outside the input directory\n'
assert !Files.isSymbolicLink(new File(out, 'linked.txt').toPath()) : 'the output is a copy, not a link'
assert new File(basedir, 'target/classes/linked.txt').text == 'outside the input directory\n'
