package dev.decoderlens.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    /** A .npy file as NumPy writes it: magic, version 1.0, header padded to 64 bytes, then the data. */
    private static byte[] npy(String descr, boolean fortran, String shape, byte[] body) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(body);
        return b.array();
    }

    @Test
    void roundTripsFloat32WithHeaderAlignedTo64() throws IOException {
        Tensor t = Tensor.of(new int[] {1, 2, 3}, new float[] {1, -2, 3.5f, 4, 5, Float.MIN_VALUE});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(t.toRowMajor(), out);
        byte[] bytes = out.toByteArray();
        int headerLen = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        assertEquals(0, (10 + headerLen) % 64);
        Tensor back = Npy.parse(bytes);
        assertArrayEquals(t.shape(), back.shape());
        assertArrayEquals(t.data(), back.data());
    }

    @Test
    void writesNhwcTensorsInLogicalOrder() throws IOException {
        Tensor t = Tensor.of(new int[] {1, 2, 1, 2}, new float[] {1, 2, 3, 4});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(t.toNhwc(), out);
        assertArrayEquals(new float[] {1, 2, 3, 4}, Npy.parse(out.toByteArray()).data());
    }

    @Test
    void readsFloat64AndInt64AndFortranOrder() {
        ByteBuffer d = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            d.putDouble(i);
        }
        // Fortran order (2,3): memory 0..5 holds a[0,0], a[1,0], a[0,1], a[1,1], a[0,2], a[1,2]
        Tensor f = Npy.parse(npy("<f8", true, "(2, 3)", d.array()));
        assertArrayEquals(new float[] {0, 2, 4, 1, 3, 5}, f.data());

        ByteBuffer l = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-7).putLong(9);
        assertArrayEquals(new float[] {-7, 9}, Npy.parse(npy("<i8", false, "(2,)", l.array())).data());
    }

    @Test
    void scalarShape() {
        byte[] body = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(2.5f).array();
        Tensor s = Npy.parse(npy("<f4", false, "()", body));
        assertEquals(0, s.rank());
        assertEquals(2.5f, s.data()[0]);
    }

    @Test
    void truncatedAndForeignFilesGiveMessages() {
        byte[] good = npy("<f4", false, "(4,)", new byte[16]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.parse(Arrays.copyOf(good, good.length - 3)));
        assertTrue(e.getMessage().startsWith("truncated .npy data"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Npy.parse("PK\u0003\u0004 not numpy".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals("not a .npy file (no \\x93NUMPY signature)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Npy.parse(npy("<c8", false, "(1,)", new byte[8])));
        assertTrue(e.getMessage().contains("unsupported .npy dtype"), e.getMessage());
    }

    @Test
    void atomicWriteToMissingFolderSaysWhich(@TempDir Path dir) {
        Path target = dir.resolve("nope/out.npy");
        IOException e = assertThrows(IOException.class, () -> Npy.write(Tensor.zeros(1), target));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void atomicWriteLeavesNoPartFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a.npy");
        Npy.write(Tensor.zeros(3), target);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
        assertArrayEquals(new int[] {3}, Npy.read(target).shape());
    }
}
