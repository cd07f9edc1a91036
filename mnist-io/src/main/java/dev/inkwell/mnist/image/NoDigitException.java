package dev.inkwell.mnist.image;

import java.io.IOException;

/** A readable image in which no ink stands out from the paper: a blank page is refused, not guessed at. */
public final class NoDigitException extends IOException {
    private static final long serialVersionUID = 1L;

    NoDigitException(String source, String why) {
        super(source + ": no digit found (" + why + ")");
    }
}
