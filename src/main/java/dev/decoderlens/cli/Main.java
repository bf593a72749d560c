package dev.decoderlens.cli;

public final class Main {
    public static void main(String[] args) {
        if (args.length == 0) { javafx.application.Application.launch(dev.decoderlens.app.DecoderLensApp.class, args); return; } // no arguments: the window
        System.out.println("DecoderLens");
    }
}
