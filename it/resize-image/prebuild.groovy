// Draws the input images, so that the scenario keeps no binary files of its own, and copies the CMYK JPEG
// of the unit tests (on the scripts' class path): the JDK cannot read it, TwelveMonkeys inside the plugin can.
import java.awt.Color
import java.awt.image.BufferedImage
import javax.imageio.ImageIO

def draw = { int width, int height, int type ->
    BufferedImage image = new BufferedImage(width, height, type)
    def graphics = image.createGraphics()
    graphics.color = Color.RED
    graphics.fillRect(0, 0, width.intdiv(2), height)
    graphics.color = Color.BLUE
    graphics.fillRect(width.intdiv(2), 0, width - width.intdiv(2), height)
    graphics.dispose()
    image
}
File images = new File(basedir, 'src/main/images')
new File(images, 'icons').mkdirs()
assert ImageIO.write(draw(640, 480, BufferedImage.TYPE_INT_ARGB), 'png', new File(images, 'icons/wide logo.png'))
assert ImageIO.write(draw(300, 900, BufferedImage.TYPE_INT_RGB), 'jpeg', new File(images, 'tall photo.jpg'))
assert ImageIO.write(draw(40, 30, BufferedImage.TYPE_INT_RGB), 'png', new File(images, 'small.png'))
def cmyk = getClass().getResourceAsStream('/images/cmyk.jpg')
assert cmyk != null : 'images/cmyk.jpg of src/test/resources is not on the class path'
new File(images, 'print cmyk.jpg').bytes = cmyk.bytes
true
