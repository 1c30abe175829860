// A processor from the plugin's <dependencies> runs over the included files and writes its outputs under
// target/generated-resources/parmap; the build log shows the start line and the summary.

File out = new File(basedir, 'target/generated-resources/parmap')
String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD SUCCESS')

def expected = [
        'greeting.txt'      : 'HELLO, PARMAP\n',
        'poems/roses.txt'   : 'ROSES ARE RED,\nVIOLETS ARE BLUE.\n',
        'poems/accents.txt' : 'ÜBER STRASSE CAFÉ\n',
]
expected.each { path, content ->
    File file = new File(out, path)
    assert file.isFile() : "missing output ${path}"
    assert file.getText('UTF-8') == content : "wrong content in ${path}"
}

// Exactly the included inputs became outputs: README.md is not a .txt file, and nothing else is left over
// (in particular no staging directory).
def written = []
out.eachFileRecurse { if (it.isFile()) written << out.toPath().relativize(it.toPath()).toString().replace('\\', '/') }
assert written.sort() == expected.keySet().sort()
assert !new File(out, '.parmap-staging').exists()

// addResources defaults to true: process-resources copied the outputs into target/classes.
assert new File(basedir, 'target/classes/poems/roses.txt').getText('UTF-8') == expected['poems/roses.txt']

assert log =~ /(?m)^\[INFO\] Processing 3 files from src[\/\\]main[\/\\]text to target[\/\\]generated-resources[\/\\]parmap with io\.github\.parmap\.it\.processors\.UpperCase on \d+ workers?$/
assert log =~ /(?m)^\[INFO\] Processed 3 of 3 files in \d+\.\d\d s \(\d+\.\d files\/s, 3 outputs written\), 0 failed$/
// What the processor logs through ProcessorContext.logger() reaches the Maven log.
assert log =~ /(?m)^\[INFO\] UpperCase worker 0 of \d+ upper-cased \d+ file\(s\)$/
