// gzip, brotli and zstd siblings of each asset, in the folder and in the jar, each decompressing to its
// input with a decoder written independently of the encoder; the second build finds all of them up to date.
import java.util.jar.JarFile
import java.util.zip.GZIPInputStream

String log = new File(basedir, 'build.log').getText('UTF-8')
List<String> builds = log.split(/(?m)^(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning for projects') }
assert builds.size() == 2
builds.each { assert it.contains('BUILD SUCCESS') }

def decoders = [
    '.gz' : { InputStream stream -> new GZIPInputStream(stream) },
    '.br' : { InputStream stream -> new org.brotli.dec.BrotliInputStream(stream) },
    '.zst': { InputStream stream -> new io.airlift.compress.zstd.ZstdInputStream(stream) },
]
def assets = ['index.html', 'css/site.css', 'js/app.js']
File input = new File(basedir, 'src/main/web')
File out = new File(basedir, 'target/generated-resources/web')

def expected = assets.collectMany { asset -> decoders.keySet().collect { asset + it } }.sort()
def written = []
out.eachFileRecurse(groovy.io.FileType.FILES) { written << out.toPath().relativize(it.toPath()).toString().replace('\\', '/') }
assert written.sort() == expected

new JarFile(new File(basedir, 'target/precompressed-assets-1.0.jar')).withCloseable { jar ->
    assets.each { asset ->
        byte[] original = new File(input, asset).bytes
        decoders.each { extension, decoder ->
            File file = new File(out, asset + extension)
            byte[] decoded = file.withInputStream { decoder(it).bytes }
            assert decoded == original : "${asset}${extension} does not decompress to ${asset}"
            assert file.length() < original.length / 3 : "${asset}${extension} is hardly compressed"
            assert jar.getInputStream(jar.getEntry(asset + extension)).bytes == file.bytes
        }
    }
}

['gzip', 'brotli', 'zstd'].each { name ->
    assert builds[0] =~ /(?m)^\[INFO\] Processing 3 files from src[\/\\]main[\/\\]web to target[\/\\]generated-resources[\/\\]web with ${name} on \d+ workers?$/
}
assert builds[0].count('Processed 3 of 3 files') == 3
assert builds[1].count('3 files up to date, 0 processed') == 3
