package dev.decoderlens.engine.kernel;

/** The plain-Java kernels: the documented reference behaviour, always available. */
public class ScalarKernels implements Kernels {
    public static final ScalarKernels INSTANCE = new ScalarKernels();

    protected ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }
}
