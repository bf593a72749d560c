package dev.decoderlens.app.vm;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The status bar: whether a run is going, its per-layer progress, the last timings, the kernel set, memory. */
public final class StatusViewModel {
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "Ready");
    private final ReadOnlyStringWrapper timings = new ReadOnlyStringWrapper(this, "timings", "");
    private final ReadOnlyStringWrapper kernel = new ReadOnlyStringWrapper(this, "kernel", "");
    private final ReadOnlyStringWrapper memory = new ReadOnlyStringWrapper(this, "memory", "");
    private final ReadOnlyStringWrapper hover = new ReadOnlyStringWrapper(this, "hover", "");

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** "encoder 412 ms (cached) · A 96 ms · B 130 ms" */
    public ReadOnlyStringProperty timingsProperty() {
        return timings.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty kernelProperty() {
        return kernel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty memoryProperty() {
        return memory.getReadOnlyProperty();
    }

    /** What lies under the pointer in a grid: "path B · filter 17 · (12, 40) = 0.731". */
    public ReadOnlyStringProperty hoverProperty() {
        return hover.getReadOnlyProperty();
    }

    void kernelProperty(String name) {
        kernel.set("kernels: " + name);
    }

    public boolean isRunning() {
        return running.get();
    }

    void started(String what) {
        running.set(true);
        progress.set(-1);
        text.set(what);
    }

    void progress(double fraction, String what) {
        progress.set(fraction);
        text.set(what);
    }

    void finished(String what, String timing) {
        running.set(false);
        progress.set(1);
        text.set(what);
        timings.set(timing);
        refreshMemory();
    }

    void failed(String what) {
        running.set(false);
        progress.set(0);
        text.set(what);
        refreshMemory();
    }

    /** A line of news for the status text ("Wrote A-deconv1.png"). */
    public void info(String what) {
        text.set(what);
    }

    public void setHover(String s) {
        hover.set(s == null ? "" : s);
    }

    public void refreshMemory() {
        Runtime rt = Runtime.getRuntime();
        long used = (rt.totalMemory() - rt.freeMemory()) >> 20;
        memory.set("memory " + used + " / " + (rt.maxMemory() >> 20) + " MB");
    }
}
