package dev.decoderlens.app.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Times the launch, from when the user ran {@code ./decoderlens} to the first comparison fully on screen: issue 3's
 * cold-start figure, logged once. The launcher passes the time it started ({@code -Ddecoderlens.launchedAt}, epoch
 * milliseconds); without it the JVM's start is used. Not the process start the system reports: Linux derives it from
 * a boot time kept in whole seconds, and in this VM it read 0.8-0.95 s early. With
 * {@code -Ddecoderlens.startupTimeline=true} the steps on the way are logged with it, to see where a slow start goes.
 */
public final class StartupClock {
    private static final boolean TIMELINE = Boolean.getBoolean("decoderlens.startupTimeline");
    private static final long START_MILLIS = launchedAt();
    private static final List<String> MARKS = new ArrayList<>();
    private static boolean logged;
    /** Runs once the first comparison is on screen, after it has been logged; the launch sets it. */
    private static volatile Runnable afterFirstComparison = () -> { };
    /** Runs a task once what the window shows now is on screen; the window sets it (see {@code FramesPresented}). */
    private static volatile Consumer<Runnable> frameWatcher = StartupClock::atNextEvent;

    private StartupClock() {
    }

    private static long launchedAt() {
        Long fromLauncher = Long.getLong("decoderlens.launchedAt");
        // the management classes only when needed: loading them costs the start some milliseconds
        return fromLauncher != null ? fromLauncher : java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** Milliseconds since the launch. */
    public static long sinceLaunch() {
        return System.currentTimeMillis() - START_MILLIS;
    }

    /**
     * How the window runs a task once its scene, as it is now, has been presented. Without one, a task runs on the
     * FX thread after the events already queued: before the renderer has drawn them.
     */
    public static void watchFrames(Consumer<Runnable> watcher) {
        frameWatcher = watcher;
    }

    /** What to do once the first comparison is on screen (the launch compiles the kernels its first run left out). */
    public static void afterFirstComparison(Runnable task) {
        afterFirstComparison = task;
    }

    /** Runs {@code task} once what the window shows now is on screen. */
    public static void whenOnScreen(Runnable task) {
        frameWatcher.accept(task);
    }

    private static void atNextEvent(Runnable task) {
        try {
            Platform.runLater(task);
        } catch (IllegalStateException noToolkit) { // view-model tests run without one
            task.run();
        }
    }

    /** Notes a step of the launch (kept only with the timeline on, and only until the first comparison). */
    public static void mark(String step) {
        if (TIMELINE) {
            synchronized (MARKS) {
                if (!logged) {
                    MARKS.add(String.format(Locale.ROOT, "%6d ms  %s (%s)", sinceLaunch(), step, Thread.currentThread().getName()));
                }
            }
        }
    }

    /** Logs the launch time once: the first comparison (outputs and both grids) is on screen. */
    static void firstComparisonDrawn() {
        long ms = sinceLaunch();
        String timeline;
        synchronized (MARKS) {
            if (logged) {
                return;
            }
            logged = true;
            timeline = MARKS.isEmpty() ? "" : "\n" + String.join("\n", MARKS);
        }
        System.getLogger("dev.decoderlens.startup").log(System.Logger.Level.INFO,
                String.format(Locale.ROOT, "first comparison drawn %.2f s after launch", ms / 1000.0) + timeline);
        afterFirstComparison.run();
    }
}
