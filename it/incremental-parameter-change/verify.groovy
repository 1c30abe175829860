// Changing a processor parameter redoes every file although no input changed; building again with the
// same new value then does nothing, so the state recorded the new configuration.

String log = new File(basedir, 'build.log').getText('UTF-8')
// build.log holds every build, each starting with Maven's "Scanning for projects".
List<String> builds = log.split(/(?m)^(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning for projects') }
assert builds.size() == 3
builds.eachWithIndex { build, i -> assert build.contains('BUILD SUCCESS') : "build ${i + 1} did not succeed" }
def (first, second, third) = builds

// Which files each build processed, from the processor's own log lines.
def processedIn = { String build -> (build =~ /(?m)^\[INFO\] AppendSuffix wrote (\S+)$/).collect { it[1] }.sort() }
def all = ['one.txt', 'sub/three.txt', 'two.txt']
assert processedIn(first) == all
assert processedIn(second) == all
assert processedIn(third) == []

def everything = /(?m)^\[INFO\] Processed 3 of 3 files in \d+\.\d\d s \(.*, 3 outputs written\), 0 failed$/
assert first =~ everything
// The second build names the parameter that changed, not its value, and why every file is redone.
assert second =~ /(?m)^\[INFO\] The configuration changed since the last build \(<parameters><suffix>\): every file is processed again$/
assert second =~ /(?m)^\[INFO\] Processed 3 of 3 files in \d+\.\d\d s \(.*, 3 outputs written\), 0 failed; redone: 3 configuration changed$/
assert third =~ /(?m)^\[INFO\] 3 files up to date, 0 processed \(\d+\.\d\d s\)$/

File out = new File(basedir, 'target/generated-resources/parmap')
assert new File(out, 'one.txt').getText('UTF-8') == 'one\n-v2'
assert new File(out, 'two.txt').getText('UTF-8') == 'two\n-v2'
assert new File(out, 'sub/three.txt').getText('UTF-8') == 'three\n-v2'
