package dev.decoderlens.engine.kernel;

import java.lang.invoke.MethodHandles;
import java.util.logging.Logger;

/**
 * Picks the kernel set once: the Vector API one when {@code jdk.incubator.vector} is readable and not disabled by
 * {@code -Ddecoderlens.kernels=scalar}, else the scalar one. Loaded reflectively so that a JVM without the
 * incubator module never touches a class that links against it (the pattern of Lucene's vectorization provider).
 */
final class KernelProvider {
    // LOG first: the constructor of INSTANCE uses it, and static fields initialise in order.
    private static final Logger LOG = Logger.getLogger("dev.decoderlens.engine");
    static final KernelProvider INSTANCE = new KernelProvider();

    private final Kernels kernels;

    private KernelProvider() {
        this.kernels = choose();
        LOG.info("DecoderLens kernels: " + kernels.name());
    }

    Kernels kernels() {
        return kernels;
    }

    private static Kernels choose() {
        if ("scalar".equalsIgnoreCase(System.getProperty("decoderlens.kernels", ""))) {
            return ScalarKernels.INSTANCE;
        }
        boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (!vectorModule) {
            return ScalarKernels.INSTANCE;
        }
        try {
            Class<?> c = Class.forName("dev.decoderlens.engine.kernel.VectorKernels", true,
                    MethodHandles.lookup().lookupClass().getClassLoader());
            return (Kernels) c.getMethod("create").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.warning("vector kernels unavailable (" + e + "), using scalar kernels");
            return ScalarKernels.INSTANCE;
        }
    }
}
