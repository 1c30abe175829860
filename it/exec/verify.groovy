// Every program ran once per file and reached file names with spaces and a leading dash intact; outputs are
// at the {out} paths; each file's output is one DEBUG block under -X; the second build runs nothing.

String log = new File(basedir, 'build.log').getText('UTF-8')
List<String> builds = log.split(/(?m)^(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning for projects') }
assert builds.size() == 2
builds.each { assert it.contains('BUILD SUCCESS') }

def inputs = ['my notes.txt', '-n.txt', 'sub/deep file.txt']
File text = new File(basedir, 'src/main/text')
inputs.each { path ->
    String content = new File(text, path).text
    String stem = path.replaceAll(/\.txt$/, '')
    assert new File(basedir, "target/copies/${stem}.bak").text == content
    assert new File(basedir, "target/upper/${path}").text == content.toUpperCase()
    assert new File(basedir, "target/described/${stem}.env").text == 'hello, parmap\n'
}
assert !new File(basedir, 'target/copies/my notes.txt').exists()

assert (builds[0] =~ /(?m)^\[INFO\] Processing 3 files from src[\/\\]main[\/\\]text to target[\/\\]\w+ with exec on \d+ workers?$/).size() == 3
assert builds[0].count('Processed 3 of 3 files') == 3
assert builds[1].count('3 files up to date, 0 processed') == 3

// -X: one block per file and program, with what the program printed.
List<String> lines = builds[0].readLines()
int at = lines.findIndexOf { it.startsWith('[DEBUG] my notes.txt: [') && it.contains('/cp, --verbose, ') }
assert at >= 0 && lines[at] =~ / exited with 0 after \d+ ms$/
assert lines[at + 1] == 'stdout:'
assert lines[at + 2] ==~ /  '.*\/src\/main\/text\/my notes\.txt' -> '.*\/my notes\.bak'/ : lines[at + 2]
