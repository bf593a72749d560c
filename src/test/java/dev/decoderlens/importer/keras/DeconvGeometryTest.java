package dev.decoderlens.importer.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Output lengths and crops of Keras transposed convolutions, hand-computed from Keras's deconv_output_length and
 * TensorFlow's conv2d padding (the fixtures check the values; these pin the arithmetic, including the cases a
 * fixture cannot show, such as an unknown input size).
 */
class DeconvGeometryTest {

    @Test
    void sameStride2Kernel3OutputPadding1CropsNothingAtTheTop() {
        // length (5-1)*2 + 3 - 2*1 + 1 = 10; TF pads max((5-1)*2 + 3 - 10, 0) = 1 in total, 0 before
        DeconvGeometry g = DeconvGeometry.of(5, 3, 2, 1, true, 1, -1);
        assertEquals(new DeconvGeometry(0, 1, 0, 10), g);
    }

    @Test
    void validStrideLargerThanKernelAppendsZeros() {
        // length 4*3 + max(2-3, 0) = 12; the full scatter is (4-1)*3 + 2 = 11 long: one zero row appended
        assertEquals(new DeconvGeometry(0, 0, 1, 12), DeconvGeometry.of(4, 2, 3, 1, false, -1, -1));
    }

    @Test
    void padsDoNotDependOnAnUnknownInputSize() {
        DeconvGeometry known = DeconvGeometry.of(7, 4, 2, 1, true, -1, -1);
        DeconvGeometry unknown = DeconvGeometry.of(-1, 4, 2, 1, true, -1, -1);
        assertEquals(14, known.length());
        assertEquals(-1, unknown.length());
        assertEquals(known.padBegin(), unknown.padBegin());
        assertEquals(known.padEnd(), unknown.padEnd());
        assertEquals(known.outputPad(), unknown.outputPad());
    }

    @Test
    void keras1OutputShapeIsUsedWhenTensorFlowAcceptsIt() {
        // Deconvolution2D(k=3, subsample=2, valid, output_shape rows 25) on 12 rows: ceil((25-3+1)/2) = 12
        assertEquals(new DeconvGeometry(0, 0, 0, 25), DeconvGeometry.of(12, 3, 2, 1, false, -1, 25));
        // ... and 26 rows too (one of the s possible sizes): the extra row is zeros
        assertEquals(new DeconvGeometry(0, 0, 1, 26), DeconvGeometry.of(12, 3, 2, 1, false, -1, 26));
    }

    @Test
    void keras1OutputShapeNoConvolutionMapsBackIsIgnored() {
        // the original report: 128x128 input, 2x2 kernel, no subsample, output_shape 256: the layer gives 129
        assertEquals(new DeconvGeometry(0, 0, 0, 129), DeconvGeometry.of(128, 2, 1, 1, false, -1, 256));
    }
}
