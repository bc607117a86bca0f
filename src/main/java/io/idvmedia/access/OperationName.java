package io.idvmedia.access;

import java.util.Optional;

/** The operations a grant can allow, by the names routes, events, grants and the audit trail use. */
public enum OperationName {
    GET_SESSION("get-session"),
    LIST_MEDIA("list-media"),
    GET_MEDIA("get-media"),
    DELETE_SESSION("delete-session"),
    DELETE_MEDIA("delete-media");

    private final String id;

    OperationName(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<OperationName> fromId(String id) {
        for (OperationName op : values()) {
            if (op.id.equals(id)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
