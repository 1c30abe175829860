// Editing the processor source redoes everything: the second build compiles it again and processes every
// file, although no input changed, and only the new compilation is kept.

File out = new File(basedir, 'target/generated-resources/parmap')
String log = new File(basedir, 'build.log').getText('UTF-8')

List<String> builds = log.split(/(?m)^(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning for projects') }
assert builds.size() == 2
String first = builds[0]
String edited = builds[1]
[first, edited].each { build ->
    assert build.contains('BUILD SUCCESS')
    assert build =~ /(?m)^\[INFO\] Compiled processor Tag from src[\/\\]build[\/\\]java[\/\\]Tag\.java \(Java \d+\)$/
}
assert first =~ /(?m)^\[INFO\] Processed 3 of 3 files in .*, 0 failed$/
// The second build says why: the processor changed, and so every file is redone.
assert edited =~ /(?m)^\[INFO\] The configuration changed since the last build \(the processor\): every file is processed again$/
assert edited =~ /(?m)^\[INFO\] Processed 3 of 3 files in .*, 0 failed; redone: 3 processor changed$/
assert edited.contains('edit-the-processor-source')
assert !edited.contains('up to date')

assert new File(out, 'a.txt').getText('UTF-8') == 'v2: alpha\n'
assert new File(out, 'b.txt').getText('UTF-8') == 'v2: beta\n'
assert new File(out, 'sub/c.txt').getText('UTF-8') == 'v2: gamma\n'

def compilations = new File(basedir, 'target/parmap/default/compiled').listFiles().collect { it.name }
assert compilations.size() == 1 : "compilations kept: ${compilations}"
