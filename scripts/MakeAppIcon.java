// Draws the DecoderLens app icon at the sizes the window registers:
//   java scripts/MakeAppIcon.java src/main/resources/dev/decoderlens/app
// A smooth viridis-like gradient (the clean resize-convolution output) beside a checkerboard (the transposed
// convolution's artifact), seen through a lens, on a dark rounded square.
import java.awt.*;
import java.awt.geom.*;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

public class MakeAppIcon {
    public static void main(String[] args) throws Exception {
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            ImageIO.write(draw(size), "png", new File(args[0], "icon-" + size + ".png"));
        }
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.scale(size / 256.0, size / 256.0);
        g.setPaint(new GradientPaint(0, 0, new Color(0x24457f), 256, 256, new Color(0x0e1b36)));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 96, 96));
        Ellipse2D lens = new Ellipse2D.Double(38, 38, 148, 148);
        Shape old = g.getClip();
        g.clip(lens);
        g.setPaint(new LinearGradientPaint(0, 38, 0, 186, new float[] {0f, 0.5f, 1f},
                new Color[] {new Color(0xfde725), new Color(0x21918c), new Color(0x440154)}));
        g.fill(new Rectangle2D.Double(38, 38, 74, 148));
        int cell = 18;
        for (int y = 38; y < 186; y += cell) {
            for (int x = 112; x < 186; x += cell) {
                boolean on = (((x - 112) / cell) + ((y - 38) / cell)) % 2 == 0;
                g.setColor(on ? new Color(0xfde725) : new Color(0x3b528b));
                g.fillRect(x, y, cell, cell);
            }
        }
        g.setClip(old);
        g.setColor(new Color(0xeef3fb));
        g.setStroke(new BasicStroke(14f));
        g.draw(lens);
        g.setStroke(new BasicStroke(26f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(170, 170, 214, 214));
        g.dispose();
        return img;
    }
}
