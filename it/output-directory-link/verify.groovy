// An output directory that is the input directory through a symbolic link: the build fails naming both
// parameters before any file is written, and the sources are exactly as they were.
String log = new File(basedir, 'build.log').getText('UTF-8')

assert log.contains('BUILD FAILURE')
String error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null
assert error.contains('<outputDirectory> must be a directory other than <inputDirectory>') : error
assert error.contains('web-out') : error
assert !(log =~ /(?m)^\s+at [\w$.]+ ?\(.*\)$/) : 'stack trace printed without -e'

File web = new File(basedir, 'src/main/web')
assert web.list().toList().sort() == ['index.html', 'site.css'] : web.list().toList()
assert new File(web, 'site.css').getText('UTF-8') == 'body { color: red; }\n'
assert new File(web, 'index.html').getText('UTF-8') == '<p>hello</p>\n'
