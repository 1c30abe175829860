// <processor> and <processorSource> together: the build fails naming both parameters, without a stack
// trace, before anything is compiled or processed.

String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD FAILURE')

String error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null
assert error =~ /Set either <processor> or <processorSource>, not both: <processor> is 'gzip' and <processorSource> is 'src[\/\\]build[\/\\]java[\/\\]Upper\.java'\. Remove one of them\./

assert !(log =~ /(?m)^\s+at [\w$.]+ ?\(.*\)$/) : 'stack trace printed without -e'
assert !new File(basedir, 'target').exists() || !new File(basedir, 'target/generated-resources/parmap').exists()
assert !new File(basedir, 'target/parmap').exists()
