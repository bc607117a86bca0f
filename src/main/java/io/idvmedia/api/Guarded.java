package io.idvmedia.api;

import io.idvmedia.access.OperationName;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a resource method as the HTTP route of an operation, which {@link AccessFilter} guards. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Guarded {

    /** The operation a grant must allow. */
    OperationName value();
}
