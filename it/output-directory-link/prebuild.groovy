// Makes the link a checkout would not keep: src/main/web-out is the input directory under another name.
import java.nio.file.Files
import java.nio.file.Path

Path link = basedir.toPath().resolve('src/main/web-out')
Files.deleteIfExists(link)
Files.createSymbolicLink(link, Path.of('web'))
assert Files.isSameFile(link, basedir.toPath().resolve('src/main/web'))
true
