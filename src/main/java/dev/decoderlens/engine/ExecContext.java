package dev.decoderlens.engine;

import dev.decoderlens.engine.kernel.Kernels;

/** What an operator may use while it runs: the kernel set and the cancellation token. */
public record ExecContext(Kernels kernels, CancellationToken cancel) {

    public static ExecContext defaults() {
        return new ExecContext(Kernels.get(), CancellationToken.NONE);
    }

    public void checkCancelled() {
        cancel.check();
    }
}
