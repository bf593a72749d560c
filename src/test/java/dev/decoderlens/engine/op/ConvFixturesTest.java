package dev.decoderlens.engine.op;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.decoderlens.engine.CancellationToken;
import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.kernel.Kernels;
import dev.decoderlens.io.Npy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conv2D and ConvTranspose2D against PyTorch 1.13 outputs (scripts/fixtures/make_conv_fixtures.py): every stride,
 * padding, output padding, group and dilation combination decoders use, Keras/TF 'same' with even kernels and
 * strides, and ONNX output_shape, each with both kernel sets. Tolerance |a - b| <= 1e-4 + 1e-3 |b|.
 */
class ConvFixturesTest {
    private static final String DIR = "/fixtures/conv/";

    static Stream<Arguments> cases() {
        String text = new String(bytes("cases.txt"), StandardCharsets.UTF_8);
        return text.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .flatMap(l -> Stream.of(Kernels.scalar(), Kernels.get()).distinct()
                        .map(k -> Arguments.of(l.split(" ")[0], k.name(), l, k)));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("cases")
    void matchesPyTorch(String name, String kernelName, String line, Kernels kernels) {
        String[] f = line.trim().split("\\s+");
        int[] v = new int[f.length];
        for (int i = 2; i < f.length; i++) {
            v[i] = f[i].matches("-?\\d+") ? Integer.parseInt(f[i]) : 0;
        }
        boolean transposed = f[1].equals("convT");
        AutoPad autoPad = AutoPad.valueOf(f[14]);
        int[] outShape = v[21] < 0 ? null : new int[] {v[21], v[22]};
        ConvSpec spec = new ConvSpec(v[7], v[8], v[9], v[10], v[11], v[12], v[13], autoPad,
                new Pads(v[15], v[16], v[17], v[18]), v[19], v[20], outShape);
        if (!transposed && autoPad != AutoPad.NOTSET) {
            spec = spec.withPads(Pads.ZERO).withAutoPad(autoPad); // the op must find the pads itself
        }
        Tensor x = npy(name, "x"), w = npy(name, "w"), b = npy(name, "b"), y = npy(name, "y");
        Op op = transposed ? new ConvTranspose2D(spec, w, b, Activation.IDENTITY) : new Conv2D(spec, w, b, Activation.IDENTITY);
        Tensor out = op.apply(new Tensor[] {x}, OpFixtures.poisonedContext(kernels))[0];
        assertArrayEquals(y.shape(), out.shape(), "output shape");
        float[] expected = y.toRowMajor().data(), actual = out.toRowMajor().data();
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= 1e-4 + 1e-3 * Math.abs(expected[i]))) {
                throw new AssertionError(name + " value " + i + ": PyTorch " + expected[i] + ", engine " + actual[i]);
            }
        }
    }

    private static Tensor npy(String name, String what) {
        return Npy.parse(bytes(name + "/" + what + ".npy"));
    }

    private static byte[] bytes(String path) {
        try (InputStream in = ConvFixturesTest.class.getResourceAsStream(DIR + path)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + DIR + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
