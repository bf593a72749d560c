package dev.decoderlens.cli;

/** A problem with what the user asked for; its message is printed as {@code error: <message>}. */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }
}
