package io.idvmedia.access;

import java.util.Objects;
import java.util.Optional;

/**
 * Who asks for an operation, as far as the operations need to know: the key its share of the instance's transfers is
 * counted under, and the grant's subject, which the URLs of staged copies carry so that each fetch is on the record.
 *
 * @param shareKey a grant's subject, a source address or a channel, prefixed so that they never collide
 * @param subject the grant's subject; empty without a grant
 */
public record Caller(String shareKey, Optional<String> subject) {

    public Caller {
        Objects.requireNonNull(shareKey, "shareKey");
        Objects.requireNonNull(subject, "subject");
    }

    /**
     * Who a record says asked (a hold's {@code placedBy}, a receipt's {@code requestedBy}): the grant's subject, or
     * without a grant the channel or address the caller is counted under.
     */
    public String requester() {
        return subject.orElse(shareKey);
    }
}
