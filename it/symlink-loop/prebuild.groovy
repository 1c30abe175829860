// Makes the links, which a checkout on every system would not keep: a loop back to the input directory,
// and a link to a file outside it. Runs again on a rerun, over links left by an earlier one.
import java.nio.file.Files
import java.nio.file.Path

Path text = basedir.toPath().resolve('src/main/text')
Path loop = text.resolve('a/loop')
Path linked = text.resolve('linked.txt')
[loop, linked].each { Files.deleteIfExists(it) }
Files.createSymbolicLink(loop, Path.of('..'))
Files.createSymbolicLink(linked, Path.of('../../../shared/real.txt'))
assert Files.isSameFile(loop, text)
assert Files.isRegularFile(linked)
true
