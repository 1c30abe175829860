// mvn io.github.parmap:parmap-maven-plugin:<version>:process -Dparmap.processor=gzip -Dparmap.inputDirectory=site,
// in a folder without a pom: outputs under target/generated-resources/parmap of the current folder, the
// processor's parameter from -Dparmap.parameter.level, and a second run finds everything up to date.
import java.util.zip.GZIPInputStream

assert !new File(basedir, 'pom.xml').exists()
String log = new File(basedir, 'build.log').getText('UTF-8')
List<String> builds = log.split(/(?m)^(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning for projects') }
assert builds.size() == 3
assert builds[0..1].every { it.contains('BUILD SUCCESS') }
assert builds[2].contains('BUILD FAILURE')
assert builds[2].contains("level") && builds[2].contains("'42'") : builds[2]
assert builds[0] =~ /(?m)^\[INFO\] Processing 2 files from site to target[\/\\]generated-resources[\/\\]parmap with gzip on \d+ workers?$/
assert builds[1] =~ /(?m)^\[INFO\] 2 files up to date, 0 processed \(\d+\.\d\d s\)$/

File out = new File(basedir, 'target/generated-resources/parmap')
for (name in ['index.html', 'css/app.css']) {
    File gz = new File(out, name + '.gz')
    assert gz.isFile() : name
    assert new GZIPInputStream(new FileInputStream(gz)).bytes == new File(basedir, 'site/' + name).bytes
}
