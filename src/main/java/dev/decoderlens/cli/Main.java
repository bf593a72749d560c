package dev.decoderlens.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The command line: {@code decoderlens [infer|bench|...]}. Each subcommand is a class listed in
 * {@code subcommands} below; add new ones (render, ...) there. Without any argument {@link #main} opens the window.
 */
@Command(name = "decoderlens", mixinStandardHelpOptions = true, version = "DecoderLens 0.1",
        description = "See why one upsampling path gives clean outputs and another gives checkerboards.",
        subcommands = {InferCommand.class, BenchCommand.class, RenderCommand.class})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    boolean verbose;

    /** Only options and no subcommand (main() opens the window when there are no arguments at all). */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        if (args.length == 0) { // no arguments: the window
            dev.decoderlens.app.DecoderLensApp.launchWindow(args);
            return;
        }
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit status (0 = success). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + oneLine(ex.getMessage()) + " (see: decoderlens " + subcommandName(ex.getCommandLine())
                    + "--help)");
            err.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            err.println("error: " + oneLine(describe(ex)));
            if (isVerbose(parseResult)) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        return cl.execute(args);
    }

    private static boolean isVerbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String subcommandName(CommandLine cl) {
        return cl.getParent() == null ? "" : cl.getCommandName() + " ";
    }

    /** The message a user needs; exceptions from the JDK without one get their kind named. */
    static String describe(Throwable ex) {
        String m = ex.getMessage();
        if (ex instanceof OutOfMemoryError) {
            return "out of memory (" + m + "); give Java more with DECODERLENS_JAVA_OPTS=-Xmx8g";
        }
        if (m == null || m.isBlank()) {
            return ex.getClass().getSimpleName();
        }
        return ex instanceof java.nio.file.NoSuchFileException ? m + ": no such file" : m;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
