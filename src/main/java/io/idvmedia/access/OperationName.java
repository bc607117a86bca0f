package io.idvmedia.access;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The operations, by the names routes, events, grants and the audit trail use. Only the session operations can be
 * granted: webhooks are authenticated as the provider, and staging jobs come from the business's own queue.
 */
public enum OperationName {
    GET_SESSION("get-session", true),
    LIST_MEDIA("list-media", true),
    GET_MEDIA("get-media", true),
    DELETE_SESSION("delete-session", true),
    DELETE_MEDIA("delete-media", true),
    EXPORT_SESSION("export-session", true),
    /** Placing, reading and releasing a session's legal hold. */
    HOLD("hold", true),
    /** Reading a session's erasure receipts. */
    GET_RECEIPTS("get-receipts", true),
    RECEIVE_WEBHOOK("receive-webhook", false),
    STAGE_SESSION("stage-session", false),
    /** A purge run of retention, on a schedule. */
    PURGE_EXPIRED("purge-expired", false),
    /** A fetch of a staged copy at a URL the local store signed. */
    STAGED_MEDIA("staged-media", false);

    private final String id;
    private final boolean grantable;

    OperationName(String id, boolean grantable) {
        this.id = id;
        this.grantable = grantable;
    }

    public String id() {
        return id;
    }

    /** Whether {@code id} names one of the operations (not a sandbox's or the framework's own route). */
    public static boolean isOperation(String id) {
        for (OperationName op : values()) {
            if (op.id.equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** The ids of the operations grants may allow, for a problem's detail: {@code a, b and c}. */
    public static String grantable() {
        List<String> ids = Arrays.stream(values()).filter(op -> op.grantable).map(OperationName::id).toList();
        return String.join(", ", ids.subList(0, ids.size() - 1)) + " and " + ids.get(ids.size() - 1);
    }

    /** The operation a grant names, if it is one that grants may allow. */
    public static Optional<OperationName> fromId(String id) {
        for (OperationName op : values()) {
            if (op.grantable && op.id.equals(id)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
