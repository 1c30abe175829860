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

// The CMYK JPEG was read by TwelveMonkeys inside Maven's plugin class loader (the JDK's reader refuses it):
// quadrants of cyan, magenta, yellow and black inks keep their hues.
assert size('target/thumbnails/print cmyk.jpg') == [64, 64]
assert size('target/previews/print cmyk.jpg') == [50, 50]
def print = ImageIO.read(new File(basedir, 'target/thumbnails/print cmyk.jpg'))
def rgb = { int x, int y -> int c = print.getRGB(x, y); [(c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff] }
def (cr, cg, cb) = rgb(16, 16)
assert cr < 60 && cg > 120 && cb > 180 : "cyan came out as ${[cr, cg, cb]}"
def (yr, yg, yb) = rgb(16, 48)
assert yr > 200 && yg > 200 && yb < 80 : "yellow came out as ${[yr, yg, yb]}"
def (kr, kg, kb) = rgb(48, 48)
assert kr < 70 && kg < 70 && kb < 70 : "black came out as ${[kr, kg, kb]}"
