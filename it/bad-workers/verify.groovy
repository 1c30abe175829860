// <workers>banana</workers>: the build fails naming the parameter, the rejected value and the accepted forms,
// before any file is touched.

String log = new File(basedir, 'build.log').getText('UTF-8')

assert log.contains('BUILD FAILURE')
String error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null
assert error.contains("<workers> must be a whole number of at least 1 (such as 4) or a positive multiple of the cores (such as 1C, 0.5C or 2C), was: 'banana'")
assert error.contains('-Dparmap.workers')
assert !log.contains('Processing ')
assert !(log =~ /(?m)^\s+at [\w$.]+ ?\(.*\)$/) : 'stack trace printed without -e'
assert !new File(basedir, 'target/generated-resources/parmap').exists()
