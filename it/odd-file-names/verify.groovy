// File names with a line break or a tab are shown escaped (\n, \t) in the failure report, so each failed
// file takes exactly one line of the log; the processor still got every name as it is: the other files are
// copied under their real names, the empty one too.
String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD FAILURE')

List<String> lines = log.readLines()
int first = lines.findIndexOf { it.startsWith('[ERROR] Failed to execute goal') }
assert first >= 0
assert lines[first].endsWith('2 of 6 files failed in processor io.github.parmap.it.processors.FailOnMarker:')
assert lines[first + 1] == '[ERROR]   tab\\there.txt: IllegalStateException: content contains the marker BAD at offset 0'
assert lines[first + 2] == '[ERROR]   two\\nlines.txt: IllegalStateException: content contains the marker BAD at offset 0'
assert lines[first + 3] == '[ERROR] -> [Help 1]'
// No line of the log is a piece of a file name cut off by its line break.
assert !lines.any { it.startsWith('lines.txt') || it.startsWith('break fine.txt') || it.startsWith('here.txt') }

File out = new File(basedir, 'target/generated-resources/parmap')
def copied = []
out.eachFileRecurse { if (it.isFile()) copied << out.toPath().relativize(it.toPath()).toString() }
assert copied.sort() == ['-n.txt', 'empty.txt', 'line\nbreak fine.txt', 'sub dir/my notes.txt']
assert new File(out, 'line\nbreak fine.txt').getText('UTF-8') == 'fine, though the name has a line break'
assert new File(out, 'empty.txt').length() == 0
