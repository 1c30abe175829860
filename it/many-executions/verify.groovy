// Three executions of the goal in one module, two of them sharing an output directory, stay independent
// over incremental builds: each has its own state directory, each redoes exactly the changed inputs, each
// removes only its own stale outputs, and the outputs are right.
import java.security.MessageDigest
import java.util.jar.JarFile
import java.util.zip.GZIPInputStream

String log = new File(basedir, 'build.log').getText('UTF-8')
List<String> builds = log.split(/(?m)^(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning for projects') }
assert builds.size() == 3
builds.eachWithIndex { build, i -> assert build.contains('BUILD SUCCESS') : "build ${i + 1} did not succeed" }

// What one execution logged in one build: the lines from its "--- parmap:...:process (id)" header to the next header.
def section = { String build, String id ->
    def matcher = build =~ /(?s)--- parmap:[^\n]*:process \(${id}\) @ many-executions ---\n(.*?)(?=\n\[INFO\] --- |\n\[INFO\] -{20,})/
    assert matcher.find() : "no section for execution ${id}"
    matcher.group(1)
}
def ids = ['gzip', 'sha256', 'sha512']
ids.each { id ->
    assert section(builds[0], id) =~ /(?m)^\[INFO\] Processed 3 of 3 files in .*, 3 outputs written\), 0 failed$/
    // notes.txt is gone: one stale output each; index.html (edited) and js/app.js (new) redone, css/site.css up to date.
    assert section(builds[1], id) =~ /(?m)^\[INFO\] Processed 2 of 3 files in .*, 2 outputs written\), 1 up to date, 0 failed, 1 stale output removed; redone: 1 new input, 1 input changed$/
    assert section(builds[2], id) =~ /(?m)^\[INFO\] 3 files up to date, 0 processed \(\d+\.\d\d s\)$/
    assert new File(basedir, "target/parmap/${id}/state.bin").isFile() : "execution ${id} keeps its own state"
}
// No warning from parmap (Maven's own notes about unsigned downloads into the test repository do not count).
// Maven 4 warns of its own about the unlocked versions of the default lifecycle's plugins: not parmap's.
assert !builds.any { build -> build.readLines().any { it.startsWith('[WARNING]') && !it.contains('integrity') && !it.contains('Checksum')
        && !it.contains('Version not locked for default bindings plugins') } }

def relativeFiles = { File root ->
    def files = []
    root.eachFileRecurse { if (it.isFile()) files << root.toPath().relativize(it.toPath()).toString() }
    files.sort()
}
def inputs = ['css/site.css', 'index.html', 'js/app.js']
File web = new File(basedir, 'src/main/web')
File precompressed = new File(basedir, 'target/precompressed')
File checksums = new File(basedir, 'target/checksums')
assert relativeFiles(precompressed) == (inputs.collect { it + '.gz' } + inputs.collect { it + '.sha512' }).sort()
assert relativeFiles(checksums) == inputs.collect { it + '.sha256' }

def hex = { String algorithm, byte[] bytes -> MessageDigest.getInstance(algorithm).digest(bytes).encodeHex().toString() }
inputs.each { path ->
    byte[] input = new File(web, path).bytes
    new GZIPInputStream(new FileInputStream(new File(precompressed, path + '.gz'))).withCloseable { assert it.bytes == input : path }
    String name = new File(path).name
    assert new File(checksums, path + '.sha256').text == hex('SHA-256', input) + '  ' + name + '\n'
    assert new File(precompressed, path + '.sha512').text == hex('SHA-512', input) + '  ' + name + '\n'
}
assert new GZIPInputStream(new FileInputStream(new File(precompressed, 'index.html.gz'))).text.contains('Home, edited')

new JarFile(new File(basedir, 'target/many-executions-1.0.jar')).withCloseable { jar ->
    def entries = jar.entries().toList().findAll { !it.directory }.collect { it.name }
    assert entries.containsAll(['index.html.gz', 'index.html.sha256', 'index.html.sha512', 'js/app.js.gz'])
    assert !entries.any { it.startsWith('notes.txt') }
}
