// The real sha256sum -c and sha512sum -c accept every checksum file in the folder where it lies beside its
// file (target/classes), names with spaces and leading dashes included, and reject a file changed afterwards.
import java.util.jar.JarFile

String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD SUCCESS')

File classes = new File(basedir, 'target/classes')
def files = ['downloads/app-1.0.bin', 'downloads/release notes.txt', '-settings.properties']

def check = { File directory, String tool, String checksumFile ->
    Process process = new ProcessBuilder(tool, '-c', '--', checksumFile).directory(directory).redirectErrorStream(true).start()
    process.outputStream.close()
    String printed = process.inputStream.getText('UTF-8')
    [process.waitFor(), printed]
}

files.each { path ->
    File file = new File(classes, path)
    assert file.isFile() : "${path} was not copied to target/classes"
    def (status, printed) = check(file.parentFile, 'sha256sum', file.name + '.sha256')
    assert status == 0 : "sha256sum -c ${path}.sha256: ${printed}"
    assert printed.trim() == "${file.name}: OK"
    assert new File(classes, path + '.sha256').text ==~ /[0-9a-f]{64}  \Q${file.name}\E\n/
}
files.findAll { it.startsWith('downloads/') }.each { path ->
    File file = new File(classes, path)
    def (status, printed) = check(file.parentFile, 'sha512sum', file.name + '.sha512')
    assert status == 0 : "sha512sum -c ${path}.sha512: ${printed}"
}
assert !new File(classes, '-settings.properties.sha512').exists()

new JarFile(new File(basedir, 'target/checksum-1.0.jar')).withCloseable { jar ->
    assert jar.getEntry('downloads/release notes.txt.sha256') != null
    assert jar.getEntry('downloads/app-1.0.bin.sha512') != null
}

// A changed file no longer matches its checksum.
File notes = new File(classes, 'downloads/release notes.txt')
notes << 'changed'
def (status, printed) = check(notes.parentFile, 'sha256sum', 'release notes.txt.sha256')
assert status == 1 && printed.contains('release notes.txt: FAILED') : printed
