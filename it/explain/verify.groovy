// -Dparmap.explain after an edit and a deleted output: one line per redone file with its reason, and the
// summary counts them; after a changed parameter: the parameter's name, never its value, and every file redone.

String log = new File(basedir, 'build.log').getText('UTF-8')
List<String> builds = log.split(/(?m)^(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning for projects') }
assert builds.size() == 3
assert builds.every { it.contains('BUILD SUCCESS') }

assert !builds[0].contains('redone') : 'a first build, where every file is new, says no more'

String explained = builds[1]
assert explained =~ /(?m)^\[INFO\] Processed 2 of 3 files in .*, 1 up to date, 0 failed; redone: 1 input changed, 1 output missing or modified$/
assert explained =~ /(?m)^\[INFO\] index\.html: input changed$/
assert explained =~ /(?m)^\[INFO\] app\.js: output missing or modified$/
assert !(explained =~ /(?m)^\[INFO\] css\/site\.css: /)

String changed = builds[2]
assert changed =~ /(?m)^\[INFO\] The configuration changed since the last build \(<parameters><level>\): every file is processed again$/
assert changed =~ /(?m)^\[INFO\] Processed 3 of 3 files in .*; redone: 3 configuration changed$/
assert !(changed =~ /(?m)^\[INFO\] index\.html: /) : 'explain lines only with -Dparmap.explain'

String report = new File(basedir, 'target/parmap/default/report.json').getText('UTF-8')
assert report.contains('"reason": "configuration changed"')
