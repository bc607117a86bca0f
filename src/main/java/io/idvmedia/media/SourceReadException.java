package io.idvmedia.media;

import java.io.IOException;

/** Reading the body being staged failed (as opposed to writing it to the store). */
public class SourceReadException extends IOException {

    SourceReadException(IOException cause) {
        super("Reading the media body failed", cause);
    }
}
