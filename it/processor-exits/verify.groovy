// A processor's System.exit(0) cannot be refused in the build's own JVM, but the build must not pass:
// invoker.properties expects a non-zero status; the log has one ERROR naming the processor, the file in
// flight and the exit, and no jar was made (Maven never got past the plugin).

String log = new File(basedir, 'build.log').getText('UTF-8')

List<String> errors = log.readLines().findAll { it.startsWith('[ERROR] ') }
assert errors.size() == 1 : log
String error = errors[0]
assert error.startsWith('[ERROR] The JVM is exiting: System.exit')
// Java 21 and later tell the status; Java 17 does not.
assert error.contains('System.exit(0) was called') || error.contains('its status is unknown')
assert error.contains('at io.github.parmap.it.processors.ExitOnMarker.process(ExitOnMarker.java:')
assert error.contains('by processor io.github.parmap.it.processors.ExitOnMarker on sub/exits.txt; files in flight: sub/exits.txt.')
assert error.contains('parmap ends the build with exit status 1')
assert error.contains('<isolation>process</isolation>')

assert !log.contains('BUILD SUCCESS')
assert !new File(basedir, 'target/processor-exits-1.0.jar').exists()
assert !new File(basedir, 'target/generated-resources/parmap/.parmap-staging').exists()
