// Files parmap did not write are never touched: neither the user's own files in the output directory (one
// right beside an output that is removed as stale), nor another execution's outputs in the same directory,
// whether an input is deleted or a configuration change redoes everything.

String log = new File(basedir, 'build.log').getText('UTF-8')
// build.log holds every build, each starting with Maven's "Scanning for projects".
List<String> builds = log.split(/(?m)^(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning for projects') }
assert builds.size() == 3
builds.eachWithIndex { build, i -> assert build.contains('BUILD SUCCESS') : "build ${i + 1} did not succeed" }
def (first, second, third) = builds

// What each execution logged, from its header line up to the next plugin's.
def execution = { String build, String id ->
    def lines = build.readLines()
    int header = lines.findIndexOf { it ==~ /\[INFO\] --- parmap:\S+:process \(${id}\) @ .*/ }
    assert header >= 0 : "execution ${id} did not run"
    lines.drop(header + 1).takeWhile { !it.startsWith('[INFO] --- ') }.join('\n')
}

assert execution(first, 'default') =~ /(?m)^\[INFO\] Processed 2 of 2 files in .*, 0 failed$/
assert execution(first, 'other') =~ /(?m)^\[INFO\] Processed 1 of 1 file in .*, 0 failed$/
assert execution(second, 'default') =~ /(?m)^\[INFO\] 1 file up to date, 0 processed, 1 stale output removed \(\d+\.\d\d s\)$/
assert execution(second, 'other') =~ /(?m)^\[INFO\] 1 file up to date, 0 processed \(\d+\.\d\d s\)$/
assert execution(third, 'default') =~ /(?m)^\[INFO\] Processed 1 of 1 file in .*, 0 failed; redone: 1 configuration changed$/
assert execution(third, 'other') =~ /(?m)^\[INFO\] 1 file up to date, 0 processed \(\d+\.\d\d s\)$/

File out = new File(basedir, 'target/generated-resources/parmap')
def expected = [
        'NOTES.txt'        : 'written by hand, not by parmap\n',
        'sub/hand-made.txt': 'also by hand, next to an output that goes away\n',
        'other.txt'        : 'from the other execution\n',
        'keep.txt'         : 'kept\n-v2',
]
def present = []
out.eachFileRecurse { if (it.isFile()) present << out.toPath().relativize(it.toPath()).toString().replace('\\', '/') }
assert present.sort() == expected.keySet().sort() : 'only sub/gone.txt is gone'
for (entry in expected) {
    assert new File(out, entry.key).getText('UTF-8') == entry.value : entry.key
}
