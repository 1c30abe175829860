// A processor whose constructor throws: the build fails once, naming the processor class and the
// constructor's message, and no item is processed.

String log = new File(basedir, 'build.log').getText('UTF-8')

assert log.contains('BUILD FAILURE')
String expected = 'processor io.github.parmap.it.processors.ThrowingConstructor could not be created: ' +
        'IllegalStateException: no licence key configured for the imaginary image service'
String error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null && error.endsWith(expected)
// Every worker fails the same way; the user reads the message once.
assert log.count(expected) == 1
assert !(log =~ /(?m)^\s+at [\w$.]+ ?\(.*\)$/) : 'stack trace printed without -e'

File out = new File(basedir, 'target/generated-resources/parmap')
assert !out.exists() || out.listFiles().length == 0 : "outputs written: ${out.list()}"
