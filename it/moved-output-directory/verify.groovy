// A moved output directory: the new folder keeps every file parmap did not write, and the old folder's
// outputs, which parmap wrote and nobody changed, are removed, with one line saying so.
String log = new File(basedir, 'build.log').getText('UTF-8')
List<String> builds = log.split(/(?m)^(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning for projects') }
assert builds.size() == 2
builds.eachWithIndex { build, i -> assert build.contains('BUILD SUCCESS') : "build ${i + 1} did not succeed" }

File userdir = new File(basedir, 'userdir')
def texts = { File dir -> dir.exists() ? dir.listFiles().collectEntries { [(it.name): it.getText('UTF-8')] } : [:] }
assert texts(userdir) == [
        'f1.txt': 'input 1\n',
        'f2.txt': "the user's own file 2\n",
        'f3.txt': "the user's own file 3\n",
        'f4.txt': "the user's own file 4\n",
        'f5.txt': "the user's own file 5\n",
]
assert texts(new File(basedir, 'target/o1')) == [:] : 'the old folder keeps no output of ours'
assert builds[1] =~ /(?m)^\[INFO\] The output directory changed from .*target.o1 to .*userdir since the last build: removed 5 outputs that earlier builds wrote in the old one; nothing in the new one is deleted$/
assert !(builds[1] =~ /stale outputs? removed/)
