package dev.decoderlens.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.experiment.RunProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void theBarFillsInProportionAndRedrawsInPlace() {
        StringWriter s = new StringWriter();
        Progress p = new Progress(new PrintWriter(s));
        p.image("raccoon.png", 1, 3);
        p.layerDone(RunProgress.Phase.PATH_B, 2, 4, null);
        String line = s.toString();
        assertTrue(line.startsWith("\r[" + "#".repeat(15) + ".".repeat(15) + "] raccoon.png [2/3]  path b 2/4"), line);
        p.done();
        assertTrue(s.toString().endsWith("\r\u001b[K"), "the bar is erased at the end");
    }

}
