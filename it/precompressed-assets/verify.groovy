// gzip, brotli and zstd siblings of each text asset, in the folder and in the jar, each decompressing to its
// input with a decoder written independently of the encoder; none for the files that do not shrink, which
// the summary counts; the second build finds every file up to date, the skipped ones too.
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
assert written.sort() == expected : "no sibling for img/noise.png and css/t1.css: ${written}"

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
    ['img/noise.png', 'css/t1.css'].each { skipped ->
        decoders.keySet().each { assert jar.getEntry(skipped + it) == null : "${skipped}${it} is in the jar" }
    }
}

assert builds[0] =~ /(?m)^\[INFO\] Processing 5 files from src[\/\\]main[\/\\]web to target[\/\\]generated-resources[\/\\]web with precompress on \d+ workers?$/
assert builds[0] =~ /Processed 5 of 5 files in .* 9 outputs written\), 2 not smaller, skipped, 0 failed/
assert builds[1].contains('5 files up to date, 0 processed')
