// Two builds of one execution at once: the first processes everything, the second waits for it (one INFO
// line naming the lock) and then finds every file up to date, and so does the build after both.
Properties codes = new Properties()
new File(basedir, 'builds.properties').withInputStream { codes.load(it) }
String first = new File(basedir, 'first-build.log').getText('UTF-8')
String second = new File(basedir, 'second-build.log').getText('UTF-8')
String third = new File(basedir, 'build.log').getText('UTF-8')
assert codes.first == '0' : first
assert codes.second == '0' : second

assert first =~ /(?m)^\[INFO\] Processed 100 of 100 files in .*, 0 failed$/
def waits = second.readLines().findAll { it.startsWith('[INFO] Waiting for another build of this execution to finish: it holds ') }
assert waits.size() == 1 : second
assert waits[0].contains('target/parmap/default/lock') || waits[0].contains('target\\parmap\\default\\lock')
assert second =~ /(?m)^\[INFO\] 100 files up to date, 0 processed \(\d+\.\d\d s\)$/ : second
assert third =~ /(?m)^\[INFO\] 100 files up to date, 0 processed \(\d+\.\d\d s\)$/ : third

File out = new File(basedir, 'target/generated-resources/parmap')
(0..<100).each { i ->
    String name = "item-${String.format('%03d', i)}.txt"
    assert new File(out, name).getText('UTF-8') == new File(basedir, "src/main/items/${name}").getText('UTF-8')
}
true
