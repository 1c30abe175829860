// A processor class that no jar provides: the build fails saying which class, where it was looked for, and
// how to fix it (a <dependency> of the plugin), without a stack trace.

String log = new File(basedir, 'build.log').getText('UTF-8')

assert log.contains('BUILD FAILURE')
String error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null
assert error.contains('<processor> class com.example.imaging.Thumbnailer was not found')
assert error.contains("the parmap plugin's <dependencies>")
assert error.contains("the project's runtime class path")
assert error.contains('Add the jar that holds it as a <dependency> inside the parmap plugin\'s <plugin> element')
// Said once: Maven appends a cause's message that the error does not already contain.
assert error.count('was not found') == 1 : "repeated message: ${error}"
assert !(log =~ /(?m)^\s+at [\w$.]+ ?\(.*\)$/) : 'stack trace printed without -e'
assert !new File(basedir, 'target/generated-resources/parmap').exists()
