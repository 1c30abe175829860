// The processor class comes from a <dependency> of the project itself, not of the plugin.

File out = new File(basedir, 'target/generated-resources/parmap')
String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD SUCCESS')

assert new File(out, 'a.txt').text == 'FOUND ON THE PROJECT CLASS PATH\n'
assert new File(out, 'b.txt').text == 'SECOND FILE\n'
assert log =~ /(?m)^\[INFO\] Processing 2 files from .* with io\.github\.parmap\.it\.processors\.UpperCase on \d+ workers?$/
assert log =~ /(?m)^\[INFO\] Processed 2 of 2 files in .* 2 outputs written\), 0 failed$/
