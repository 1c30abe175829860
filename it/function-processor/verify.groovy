// A Function<byte[], byte[]> processor gets each file's bytes and its result is written at the same relative
// path; a null result (Reverse returns null for an empty file) writes nothing.

File input = new File(basedir, 'src/main/data')
File out = new File(basedir, 'target/generated-resources/parmap')
String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD SUCCESS')

['letters.txt', 'nested/lines.txt', 'nested/bytes.bin'].each { path ->
    byte[] original = new File(input, path).bytes
    File output = new File(out, path)
    assert output.isFile() : "missing output ${path}"
    assert output.bytes == original.toList().reverse() as byte[] : "${path} is not the byte-reversed input"
}
assert new File(out, 'letters.txt').text == '\ncba'
assert !new File(out, 'empty.txt').exists() : 'a null result must write no output'

assert log =~ /(?m)^\[INFO\] Processing 4 files from .* with io\.github\.parmap\.it\.processors\.Reverse on \d+ workers?$/
// Four items processed, three outputs: the empty file succeeded without writing anything.
assert log =~ /(?m)^\[INFO\] Processed 4 of 4 files in .* 3 outputs written\), 0 failed$/
