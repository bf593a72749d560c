package dev.decoderlens.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The colour maps against matplotlib's own lookups (fixture written by scripts/make_colormaps.py). */
class ColorMapTest {
    static final ColorMap[] FIXTURE_ORDER = {ColorMap.VIRIDIS, ColorMap.MAGMA, ColorMap.GRAY, ColorMap.RDBU};

    /** Rows of the fixture: t, then the colour for each map in FIXTURE_ORDER. */
    static List<String[]> samples() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (var r = new BufferedReader(new InputStreamReader(
                ColorMapTest.class.getResourceAsStream("colormap-samples.txt"), StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    rows.add(line.trim().split("\\s+"));
                }
            }
        }
        return rows;
    }

    @Test
    void everyMapGivesMatplotlibsColourAtEverySampledPosition() throws IOException {
        List<String[]> rows = samples();
        assertTrue(rows.size() > 50);
        for (String[] row : rows) {
            double t = Double.parseDouble(row[0]);
            for (int m = 0; m < FIXTURE_ORDER.length; m++) {
                int expected = 0xFF000000 | Integer.parseInt(row[m + 1], 16);
                assertEquals(Integer.toHexString(expected), Integer.toHexString(FIXTURE_ORDER[m].argb(t)),
                        FIXTURE_ORDER[m] + " at t=" + t);
            }
        }
    }

    @Test
    void endsAreThePublishedColours() {
        assertEquals(0xFF440154, ColorMap.VIRIDIS.argb(0.0));
        assertEquals(0xFFFDE725, ColorMap.VIRIDIS.argb(1.0));
        assertEquals(0xFF67001F, ColorMap.RDBU.argb(0.0)); // ColorBrewer RdBu-11 first class
        assertEquals(0xFF053061, ColorMap.RDBU.argb(1.0)); // and last class
        assertEquals(ColorMap.VIRIDIS.argb(0.0), ColorMap.VIRIDIS.argb(-3.0), "below the range clamps to the low end");
        assertEquals(ColorMap.NOT_FINITE_ARGB, ColorMap.MAGMA.argb(Double.NaN));
    }

    @Test
    void namesParseAndUnknownNamesAreRefusedInWords() {
        assertEquals(ColorMap.RDBU, ColorMap.parse("RdBu"));
        assertEquals(ColorMap.GRAY, ColorMap.parse("grey"));
        var e = assertThrows(IllegalArgumentException.class, () -> ColorMap.parse("jet"));
        assertTrue(e.getMessage().contains("viridis"), e.getMessage());
    }

    @Test
    void divergingScaleIsSymmetricSoZeroIsTheMiddleColour() {
        ColorScale s = ColorScale.of(ColorMap.RDBU, new ValueRange(-1, 3));
        assertEquals(new ValueRange(-3, 3), s.range());
        assertEquals(ColorMap.RDBU.argb(0.5), s.argb(0f));
        ColorScale seq = ColorScale.of(ColorMap.VIRIDIS, new ValueRange(-1, 3));
        assertEquals(new ValueRange(-1, 3), seq.range());
    }

    @Test
    void degenerateRangeDrawsLowEndOrMiddleForDiverging() {
        assertEquals(ColorMap.VIRIDIS.argb(0.0), ColorScale.of(ColorMap.VIRIDIS, new ValueRange(2, 2)).argb(2f));
        assertEquals(ColorMap.RDBU.argb(0.5), ColorScale.of(ColorMap.RDBU, new ValueRange(0, 0)).argb(0f));
    }
}
