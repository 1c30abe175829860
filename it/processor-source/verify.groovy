// A processor written as one .java file: compiled on the first build (against the parmap API and the
// project's runtime dependencies), run over every file, its outputs in the jar; the second build with
// nothing changed compiles nothing and processes nothing.

File out = new File(basedir, 'target/generated-resources/parmap')
String log = new File(basedir, 'build.log').getText('UTF-8')

List<String> builds = log.split(/(?m)^(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning for projects') }
assert builds.size() == 2
String first = builds[0]
String second = builds[1]
[first, second].each { assert it.contains('BUILD SUCCESS') }

def compiled = /(?m)^\[INFO\] Compiled processor com\.example\.build\.Mirror from src[\/\\]build[\/\\]java[\/\\]com[\/\\]example[\/\\]build[\/\\]Mirror\.java \(Java \d+\)$/
assert first =~ compiled
assert first =~ /(?m)^\[INFO\] Processing 2 files from src[\/\\]main[\/\\]text to target[\/\\]generated-resources[\/\\]parmap with com\.example\.build\.Mirror on \d+ workers?$/
assert first =~ /(?m)^\[INFO\] Processed 2 of 2 files in .*, 0 failed$/

assert !(second =~ compiled) : 'an unchanged source was compiled again'
assert second =~ /(?m)^\[INFO\] 2 files up to date, 0 processed \(.*\)$/

assert new File(out, 'greeting.txt').getText('UTF-8') == '> olleh\n> dlrow\n'
assert new File(out, 'notes/name.txt').getText('UTF-8') == '> pamrap\n'
assert new File(basedir, 'target/classes/notes/name.txt').getText('UTF-8') == '> pamrap\n'

// The compiled classes, the nested one too, are kept for the next build, per execution.
File cache = new File(basedir, 'target/parmap/default/compiled')
def classes = []
cache.eachFileRecurse { if (it.name.endsWith('.class')) classes << cache.toPath().relativize(it.toPath()).toString().replace('\\', '/') }
assert classes.every { it ==~ /[0-9a-f]{64}\/.*/ } : "cached classes: ${classes}"
assert classes.collect { it.substring(65) }.sort() == ['com/example/build/Mirror$Lines.class', 'com/example/build/Mirror.class'] : "cached classes: ${classes}"
