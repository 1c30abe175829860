// The processor class comes from a <dependency> of the project itself, not of the plugin: found there by
// the first build, and by the worker JVMs of the second (-Dparmap.isolation=process).

File out = new File(basedir, 'target/generated-resources/parmap')
String log = new File(basedir, 'build.log').getText('UTF-8')
List<String> builds = log.split(/(?m)^(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning for projects') }
assert builds.size() == 2

assert builds.every { it.contains('BUILD SUCCESS') }
assert builds[0] =~ /(?m)^\[INFO\] Processed 2 of 2 files in .* 2 outputs written\), 0 failed$/
assert builds[1] =~ /(?m)^\[INFO\] Processed 2 of 2 files in .* 2 outputs written\), 0 failed; redone: 2 forced$/
assert builds[0] =~ /(?m)^\[INFO\] Processing 2 files from .* with io\.github\.parmap\.it\.processors\.UpperCase on \d+ workers?$/
assert builds[1] =~ /(?m)^\[INFO\] Processing 2 files from .* with io\.github\.parmap\.it\.processors\.UpperCase on \d+ worker JVMs? \(max heap \d+ MB each\)$/

assert new File(out, 'a.txt').text == 'FOUND ON THE PROJECT CLASS PATH\n'
assert new File(out, 'b.txt').text == 'SECOND FILE\n'
