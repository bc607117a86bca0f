package io.idvmedia.lambda;

import io.idvmedia.media.ServedType;
import java.util.Optional;

/** What an operation answered, before it is shaped for API Gateway or a direct caller. */
sealed interface LambdaReply {

    /** A JSON body; {@code raw} when it is already serialized (a provider's document, byte for byte). */
    record Json(int status, Object body, byte[] raw, String contentType) implements LambdaReply {
        static Json of(Object body) {
            return new Json(200, body, null, "application/json");
        }
    }

    /** Media bytes small enough to answer inline, with the type they are served as (see ServedType). */
    record Inline(byte[] bytes, ServedType served, Optional<String> downloadName) implements LambdaReply {

        public String contentType() {
            return served.contentType();
        }
    }

    /** A 303 to a URL. */
    record Redirect(String location) implements LambdaReply {
    }

    /** 202: the media is being staged by a job; the caller should come back after the given seconds. */
    record Accepted(long retryAfterSeconds) implements LambdaReply {
    }

    /** Nothing to send (the media exists but has no content). */
    record NoContent() implements LambdaReply {
    }
}
