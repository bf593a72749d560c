package dev.decoderlens.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {
    @TempDir
    Path dir;

    private Path write(BufferedImage img, String format, String name) throws Exception {
        Path p = dir.resolve(name);
        assertTrue(ImageIO.write(img, format, p.toFile()), "no " + format + " writer for " + img);
        return p;
    }

    /** A 16-bit image with the given colour space and samples per pixel, filled by sample(x, y, band). */
    private static BufferedImage sixteenBit(int w, int h, boolean grey, boolean alpha, int[] samples) {
        ColorSpace cs = ColorSpace.getInstance(grey ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        ComponentColorModel cm = new ComponentColorModel(cs, alpha, false, alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
                DataBuffer.TYPE_USHORT);
        WritableRaster r = cm.createCompatibleWritableRaster(w, h);
        r.setPixels(0, 0, w, h, samples);
        return new BufferedImage(cm, r, false, null);
    }

    @Test
    void sixteenBitGreyIsScaledTo8BitsWithoutGammaBrightening() throws Exception {
        int[] s = {0, 0x4000, 0x8080, 0xffff};
        SourceImage img = Images.read(write(sixteenBit(4, 1, true, false, s), "png", "g16.png"));
        // getRGB would treat 16-bit grey as linear light: 0x4000 would become about 137, not 64.
        assertArrayEquals(new int[] {0x000000, 0x404040, 0x808080, 0xffffff}, rgbRow(img));
        assertTrue(img.note().contains("16-bit"), img.note());
    }

    @Test
    void sixteenBitRgbaDropsAlphaAndSaysSo() throws Exception {
        int[] s = {0xffff, 0, 0, 0x1234, 0, 0x8080, 0xffff, 0xffff};
        SourceImage img = Images.read(write(sixteenBit(2, 1, false, true, s), "png", "rgba16.png"));
        assertArrayEquals(new int[] {0xff0000, 0x0080ff}, rgbRow(img));
        assertTrue(img.note().contains("alpha channel dropped"), img.note());
    }

    @Test
    void eightBitGreyRgbaAndBgrFilesGiveTheirPixels() throws Exception {
        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setPixels(0, 0, 3, 1, new int[] {0, 100, 255});
        assertArrayEquals(new int[] {0, 0x646464, 0xffffff}, rgbRow(Images.read(write(grey, "png", "g8.png"))));

        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x80112233);
        argb.setRGB(1, 0, 0xff445566);
        SourceImage a = Images.read(write(argb, "png", "rgba8.png"));
        assertArrayEquals(new int[] {0x112233, 0x445566}, rgbRow(a));
        assertEquals("alpha channel dropped", a.note());

        BufferedImage bgr = new BufferedImage(2, 1, BufferedImage.TYPE_3BYTE_BGR);
        bgr.setRGB(0, 0, 0x123456);
        bgr.setRGB(1, 0, 0xfedcba);
        for (String format : new String[] {"png", "bmp", "tiff"}) {
            SourceImage b = Images.read(write(bgr, format, "bgr." + format));
            assertArrayEquals(new int[] {0x123456, 0xfedcba}, rgbRow(b), format);
            assertEquals("", b.note());
        }
    }

    @Test
    void paletteImagesUseTheirPalette() throws Exception {
        byte[] r = {(byte) 255, 0, 10}, g = {0, (byte) 255, 20}, b = {0, 0, 30};
        IndexColorModel cm = new IndexColorModel(2, 3, r, g, b);
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_BINARY, cm);
        img.getRaster().setPixels(0, 0, 3, 1, new int[] {2, 0, 1});
        for (String format : new String[] {"png", "gif"}) {
            assertArrayEquals(new int[] {0x0a141e, 0xff0000, 0x00ff00}, rgbRow(Images.read(write(img, format, "pal." + format))), format);
        }
    }

    @Test
    void jpegDecodesCloseToItsSource() throws Exception {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                img.setRGB(x, y, 0x808080);
            }
        }
        SourceImage s = Images.read(write(img, "jpg", "grey.jpg"));
        assertEquals(16, s.width());
        assertEquals(0x80, s.rgb(5, 5) & 0xff, 2);
    }

    @Test
    void brokenMissingAndNonImageFilesGiveOneLineMessages() throws Exception {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 64 * 64; i++) {
            img.setRGB(i % 64, i / 64, (int) (i * 2654435761L)); // noise, so the file is long
        }
        byte[] png = Files.readAllBytes(write(img, "png", "ok.png"));
        Path truncated = Files.write(dir.resolve("truncated.png"), Arrays.copyOf(png, png.length / 2));
        Images.ImageException e = assertThrows(Images.ImageException.class, () -> Images.read(truncated));
        assertTrue(e.getMessage().startsWith("truncated.png: cannot be decoded: broken, truncated"), e.getMessage());

        Path text = Files.writeString(dir.resolve("notes.png"), "this is not a picture");
        e = assertThrows(Images.ImageException.class, () -> Images.read(text));
        assertTrue(e.getMessage().startsWith("notes.png: not an image this program can read"), e.getMessage());

        e = assertThrows(Images.ImageException.class, () -> Images.read(dir.resolve("absent.png")));
        assertEquals("absent.png: no such file", e.getMessage());
    }

    @Test
    void aGiganticImageIsRefusedFromItsHeaderBeforeDecoding() throws Exception {
        Path huge = Files.write(dir.resolve("huge.png"), pngHeaderOnly(40000, 30000));
        Images.ImageException e = assertThrows(Images.ImageException.class, () -> Images.read(huge));
        assertTrue(e.getMessage().contains("40000x30000 is 1200 megapixels"), e.getMessage());
    }

    @Test
    void aBigPhotoDecodes() throws Exception {
        BufferedImage img = new BufferedImage(4000, 3000, BufferedImage.TYPE_3BYTE_BGR);
        img.setRGB(3999, 2999, 0xabcdef);
        SourceImage s = Images.read(write(img, "png", "big.png"));
        assertEquals(4000, s.width());
        assertEquals(0xabcdef, s.rgb(3999, 2999));
    }

    /** A PNG signature and a valid IHDR chunk claiming w x h, 8-bit RGB, and no pixel data. */
    private static byte[] pngHeaderOnly(int w, int h) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        DataOutputStream c = new DataOutputStream(chunk);
        c.writeBytes("IHDR");
        c.writeInt(w);
        c.writeInt(h);
        c.write(new byte[] {8, 2, 0, 0, 0});
        byte[] body = chunk.toByteArray();
        d.writeInt(body.length - 4);
        d.write(body);
        CRC32 crc = new CRC32();
        crc.update(body);
        d.writeInt((int) crc.getValue());
        return out.toByteArray();
    }

    private static int[] rgbRow(SourceImage img) {
        int[] out = new int[img.width()];
        for (int x = 0; x < out.length; x++) {
            out[x] = img.rgb(x, 0);
        }
        return out;
    }
}
