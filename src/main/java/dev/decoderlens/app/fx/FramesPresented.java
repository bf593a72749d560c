package dev.decoderlens.app.fx;

import com.sun.javafx.tk.RenderJob;
import com.sun.javafx.tk.Toolkit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Runs a task once the scene, as it is now, has been rendered and put on screen. The FX thread only hands each
 * pulse's scene to the renderer, which draws it on a thread of its own: on this machine (OpenGL on Mesa's software
 * rasteriser) the renderer took 0.1-0.6 s more for a frame with a new 4096x4096 grid, and about a second for the
 * window's first frame. A task run on the FX thread after the change, as {@code Platform.runLater} does, reported
 * that much too early.
 *
 * <p>How: the next pulse carries every change made before it and hands its frame to the renderer before it ends;
 * a job queued on the renderer after that pulse runs once that frame has been drawn and presented (the renderer runs
 * its jobs one after another, in order). Queuing a render job takes the toolkit's internal API
 * ({@code com.sun.javafx.tk}), which the launcher exports to the application.
 */
public final class FramesPresented {
    private FramesPresented() {
    }

    /** Whether the toolkit lets the application queue render jobs, which {@link #afterNextFrame} needs. */
    public static boolean available() {
        return Toolkit.class.getModule().isExported(Toolkit.class.getPackageName(), FramesPresented.class.getModule());
    }

    /**
     * Runs {@code task} on the renderer's thread once the frame with the scene as it is now has been presented.
     * Call on the FX thread, and only when {@link #available}.
     */
    public static void afterNextFrame(Scene scene, Runnable task) {
        AtomicBoolean queued = new AtomicBoolean();
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            if (queued.compareAndSet(false, true)) {
                // runs when this pulse is over (its frame handed to the renderer); the listener list is not changed
                // while the pulse walks it
                Platform.runLater(() -> {
                    scene.removePreLayoutPulseListener(listener[0]);
                    try {
                        Toolkit.getToolkit().addRenderJob(new RenderJob(task));
                    } catch (RuntimeException renderingStopped) { // the window is closing: nothing more will be drawn
                        task.run();
                    }
                });
            }
        };
        scene.addPreLayoutPulseListener(listener[0]);
        Platform.requestNextPulse();
    }
}
