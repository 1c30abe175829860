// mvn package, twice, under Maven 3.9.x and Maven 4: the gzip outputs are in the produced jar, each
// decompressing to its input, only the included files were compressed, and the second build finds them
// up to date.
import java.util.jar.JarFile
import java.util.zip.GZIPInputStream

File input = new File(basedir, 'src/main/web')
File jar = new File(basedir, 'target/packaging-1.0.jar')
assert jar.isFile() : 'mvn package produced no jar'

def assets = ['index.html', 'css/site.css', 'js/app.js']
new JarFile(jar).withCloseable { zip ->
    def entries = zip.entries().toList().findAll { !it.directory }.collect { it.name }
    def gzEntries = entries.findAll { it.endsWith('.gz') }
    assert gzEntries.sort() == assets.collect { it + '.gz' }.sort() : "gz entries in the jar: ${gzEntries}"
    assert !entries.contains('notes.txt.gz')
    // The inputs are not resources of this project: only the compressed siblings are packaged.
    assert !entries.any { it in assets }

    assets.each { asset ->
        byte[] packaged = zip.getInputStream(zip.getEntry(asset + '.gz')).withCloseable { new GZIPInputStream(it).bytes }
        assert packaged == new File(input, asset).bytes : "${asset}.gz in the jar does not decompress to ${asset}"
    }
}

// gzip writes no time stamp, so the bytes depend on the content alone: the jar's copy equals the generated file.
assets.each { asset ->
    byte[] generated = new File(basedir, "target/generated-resources/parmap/${asset}.gz").bytes
    assert new File(basedir, "target/classes/${asset}.gz").bytes == generated
    assert generated[4..7] == [0, 0, 0, 0] : "${asset}.gz carries a modification time"
}

String log = new File(basedir, 'build.log').getText('UTF-8')
List<String> builds = log.split(/(?m)^(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning for projects') }
assert builds.size() == 2
assert builds[0] =~ /(?m)^\[INFO\] Processing 3 files from src[\/\\]main[\/\\]web to target[\/\\]generated-resources[\/\\]parmap with gzip on \d+ workers?$/
assert builds[1] =~ /(?m)^\[INFO\] 3 files up to date, 0 processed \(\d+\.\d\d s\)$/
assert builds.every { it.contains('BUILD SUCCESS') }
assert !log.contains('JAR will be empty')
