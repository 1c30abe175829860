// Three workers, five files, no such program: the build fails with one message naming the program and the
// PATH it was looked up on, and no file is reported as failed.

String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD FAILURE')
String message = 'processor exec could not be created: the program parmap-no-such-converter named in <command> was not found on the PATH ('
assert log.count(message) == 1 : "reported ${log.count(message)} times"
assert log =~ /(?m)^\[ERROR\] Failed to execute goal .* on project exec-missing-program: processor exec could not be created: the program parmap-no-such-converter named in <command> was not found on the PATH \(.+\); install it, or write its path in <command>$/
assert log.contains('[ERROR] 5 files were not started: the run stopped when the processor failed')
assert !log.contains('failed in processor exec')
assert !(log =~ /(?m)^\s+at [\w$.]+ ?\(.*\)$/) : 'stack trace printed without -e'
