// -Dparmap.skip=true: the goal logs exactly one INFO line about skipping and writes nothing.

List<String> lines = new File(basedir, 'build.log').readLines('UTF-8')

int header = lines.findIndexOf { it ==~ /\[INFO\] --- parmap:\S+:process \(default\) @ skip ---/ }
assert header >= 0 : 'the process goal did not run at all'
// Everything the goal logged: the lines after its header, up to the blank line before the next plugin's.
List<String> goalLines = lines.drop(header + 1).takeWhile { it != '[INFO] ' && !it.startsWith('[INFO] --- ') }
assert goalLines == ['[INFO] Skipping parmap (parmap.skip is true)']

assert !new File(basedir, 'target/generated-resources/parmap').exists()
assert !new File(basedir, 'target/classes/a.txt.gz').exists()
assert lines.contains('[INFO] BUILD SUCCESS')
