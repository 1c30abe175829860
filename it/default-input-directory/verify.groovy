// With the default inputDirectory (src/main/resources), an output at the same relative path as its input
// replaces the original in target/classes and in the jar; files parmap does not process stay as they are.
import java.util.jar.JarFile

String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD SUCCESS')

assert new File(basedir, 'target/generated-resources/parmap/greeting.txt').getText('UTF-8') == 'HELLO FROM THE RESOURCES\n'
assert new File(basedir, 'target/classes/greeting.txt').getText('UTF-8') == 'HELLO FROM THE RESOURCES\n'
assert new File(basedir, 'target/classes/config/notes.txt').getText('UTF-8') == 'NESTED TEXT\n'

new JarFile(new File(basedir, 'target/default-input-directory-1.0.jar')).withCloseable { jar ->
    def read = { String name -> jar.getInputStream(jar.getEntry(name)).getText('UTF-8') }
    assert read('greeting.txt') == 'HELLO FROM THE RESOURCES\n'
    assert read('config/notes.txt') == 'NESTED TEXT\n'
    // Not included, so not processed: the resources plugin copies the original.
    assert read('config/settings.properties') == 'mode=plain\n'
}
