package io.idvmedia.access;

/** How a request arrived, as the audit trail names it. */
public enum Channel {
    /** The HTTP server (local, container, VM). */
    HTTP("http"),
    /** An API Gateway HTTP API event on Lambda. */
    API_GATEWAY("api-gateway"),
    /** A direct Lambda invocation, already authorized by IAM ({@code lambda:InvokeFunction}). */
    DIRECT("direct");

    private final String id;

    Channel(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
