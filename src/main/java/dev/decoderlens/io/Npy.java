package dev.decoderlens.io;

import dev.decoderlens.engine.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format, version 1 to 3: reads float32, float64, int64, int32, uint8 and bool arrays (C or
 * Fortran order) into float32 tensors; writes float32 in C order. Layout at the boundary is always the logical
 * row-major one (NCHW for ONNX image tensors).
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=]?)([a-zA-Z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    public static Tensor read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public static Tensor read(InputStream in) throws IOException {
        return parse(in.readAllBytes());
    }

    /** Parses a whole .npy file held in memory. */
    public static Tensor parse(byte[] bytes) {
        if (bytes.length < 10 || !startsWithMagic(bytes)) {
            throw new IllegalArgumentException("not a .npy file (no \\x93NUMPY signature)");
        }
        int major = bytes[6] & 0xff;
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = bb.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            headerLen = bb.getInt(8);
            headerStart = 12;
        } else {
            throw new IllegalArgumentException("unsupported .npy version " + major);
        }
        if (headerStart + headerLen > bytes.length) {
            throw new IllegalArgumentException("truncated .npy header");
        }
        String header = new String(bytes, headerStart, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IllegalArgumentException("unreadable .npy header: " + header.trim());
        }
        ByteOrder order = ">".equals(d.group(1)) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        char kind = d.group(2).charAt(0);
        int width = Integer.parseInt(d.group(3));
        boolean fortran = f.group(1).equals("True");
        int[] shape = parseShape(s.group(1));
        long count = 1;
        for (int dim : shape) {
            count *= dim;
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("array too large: " + count + " values");
        }
        int n = (int) count;
        int dataStart = headerStart + headerLen;
        if ((long) n * width > bytes.length - dataStart) {
            throw new IllegalArgumentException("truncated .npy data: " + n + " values of " + width + " bytes expected");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).slice().order(order);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (kind + Integer.toString(width)) {
                case "f4" -> data.getFloat(i * 4);
                case "f8" -> (float) data.getDouble(i * 8);
                case "f2" -> Float.float16ToFloat(data.getShort(i * 2));
                case "i8" -> data.getLong(i * 8);
                case "i4" -> data.getInt(i * 4);
                case "i2" -> data.getShort(i * 2);
                case "i1" -> data.get(i);
                case "u1", "b1" -> data.get(i) & 0xff;
                default -> throw new IllegalArgumentException("unsupported .npy dtype " + d.group(0));
            };
        }
        if (fortran && shape.length > 1) {
            out = fortranToC(out, shape);
        }
        return Tensor.of(shape, out);
    }

    /** Writes a float32 array in C order of the tensor's logical shape. */
    public static void write(Tensor t, OutputStream out) throws IOException {
        Tensor rm = t.toRowMajor();
        int[] shape = rm.shape();
        StringBuilder sh = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            sh.append(shape[i]);
            if (shape.length == 1 || i < shape.length - 1) {
                sh.append(shape.length == 1 ? "," : ", ");
            }
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + sh + "), }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer head = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        head.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.write(head.array());
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        float[] v = rm.data();
        ByteBuffer body = ByteBuffer.allocate(4 * Math.min(v.length, 1 << 16)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < v.length; ) {
            body.clear();
            int end = Math.min(v.length, i + (1 << 16));
            for (; i < end; i++) {
                body.putFloat(v[i]);
            }
            out.write(body.array(), 0, body.position());
        }
    }

    /** Writes atomically: a temporary file beside the target, then a move. */
    public static void write(Tensor t, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(t, out));
    }

    private static boolean startsWithMagic(byte[] b) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (b[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static int[] parseShape(String s) {
        List<Integer> dims = new ArrayList<>();
        for (String part : s.split(",")) {
            String p = part.trim();
            if (!p.isEmpty()) {
                dims.add(Integer.parseInt(p.replace("L", "")));
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private static float[] fortranToC(float[] in, int[] shape) {
        float[] out = new float[in.length];
        int rank = shape.length;
        int[] idx = new int[rank];
        for (int c = 0; c < in.length; c++) {
            // idx is the C-order index of position c; its Fortran offset has the first axis fastest.
            int fo = 0;
            for (int a = rank - 1; a >= 0; a--) {
                fo = fo * shape[a] + idx[a];
            }
            out[c] = in[fo];
            for (int a = rank - 1; a >= 0; a--) {
                if (++idx[a] < shape[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return out;
    }
}
