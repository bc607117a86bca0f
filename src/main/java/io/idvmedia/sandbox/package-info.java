/** Embedded sandboxes of the providers for development and tests; not part of production artifacts. */
package io.idvmedia.sandbox;
