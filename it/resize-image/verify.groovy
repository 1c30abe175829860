// Each image fits the configured box with its aspect ratio kept and is never enlarged; the thumbnails keep
// their format and path, the previews become JPEG with the .jpg extension.
import javax.imageio.ImageIO

String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD SUCCESS')

def size = { String path ->
    File file = new File(basedir, path)
    assert file.isFile() : "${path} is missing"
    def image = ImageIO.read(file)
    assert image != null : "${path} is no image"
    [image.width, image.height]
}
def format = { String path ->
    ImageIO.createImageInputStream(new File(basedir, path)).withCloseable { ImageIO.getImageReaders(it).next().formatName.toLowerCase() }
}

assert size('target/thumbnails/icons/wide logo.png') == [64, 48]
assert size('target/thumbnails/tall photo.jpg') == [64, 192]
assert size('target/thumbnails/small.png') == [40, 30]
assert format('target/thumbnails/icons/wide logo.png') == 'png'
assert format('target/thumbnails/tall photo.jpg') == 'jpeg'

assert size('target/previews/icons/wide logo.jpg') == [67, 50]
assert size('target/previews/tall photo.jpg') == [17, 50]
assert size('target/previews/small.jpg') == [40, 30]
assert format('target/previews/icons/wide logo.jpg') == 'jpeg'
assert !new File(basedir, 'target/previews/icons/wide logo.png').exists()

// The halves stay where they were: red on the left, blue on the right.
def thumbnail = ImageIO.read(new File(basedir, 'target/thumbnails/icons/wide logo.png'))
assert (thumbnail.getRGB(5, 24) & 0xffffff) == 0xff0000
assert (thumbnail.getRGB(58, 24) & 0xffffff) == 0x0000ff
