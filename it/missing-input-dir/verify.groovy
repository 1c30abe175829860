// A missing inputDirectory is skipped with exactly one INFO line; the build goes on and succeeds.

List<String> lines = new File(basedir, 'build.log').readLines('UTF-8')

int header = lines.findIndexOf { it ==~ /\[INFO\] --- parmap:\S+:process \(default\) @ missing-input-dir ---/ }
assert header >= 0 : 'the process goal did not run at all'
List<String> goalLines = lines.drop(header + 1).takeWhile { it != '[INFO] ' && !it.startsWith('[INFO] --- ') }
assert goalLines.size() == 1
assert goalLines[0] ==~ /\[INFO\] Skipping parmap: input directory src[\/\\]main[\/\\]images does not exist/

assert lines.contains('[INFO] BUILD SUCCESS')
assert new File(basedir, 'target/missing-input-dir-1.0.jar').isFile() : 'the rest of the build did not run'
assert !new File(basedir, 'target/generated-resources/parmap').exists()
