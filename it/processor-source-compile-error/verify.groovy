// A processor source that does not compile fails the build with javac's messages, each naming the file
// relative to the project and the line, without a stack trace; nothing is processed.

String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD FAILURE')

String error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null
assert error =~ /<processorSource> src[\/\\]build[\/\\]java[\/\\]Broken\.java does not compile:$/

// javac's own lines, as it prints them: file:line: error: message, the source line, a caret.
def file = /src[\/\\]build[\/\\]java[\/\\]Broken\.java/
assert log =~ /(?m)^(\[ERROR\] )?${file}:9: error: cannot find symbol$/
assert log =~ /(?m)^(\[ERROR\] )?\s+Files\.write\(item\.outptu\(\), bytes\);$/
assert log =~ /(?m)^(\[ERROR\] )?\s+symbol:\s+method outptu\(\)$/
assert log =~ /(?m)^(\[ERROR\] )?${file}:10: error: incompatible types: byte\[\] cannot be converted to int$/
assert log =~ /(?m)^(\[ERROR\] )?2 errors$/

assert !(log =~ /(?m)^\s+at [\w$.]+ ?\(.*\)$/) : 'stack trace printed without -e'
assert !log.contains('Caused by:')
assert !new File(basedir, 'target/generated-resources/parmap').exists()
assert !new File(basedir, 'target/parmap/default/compiled').exists() : 'a failed compilation is not cached'
