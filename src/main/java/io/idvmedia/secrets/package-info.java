/** Secrets: references to Secrets Manager, SSM or files, read once at start and checked there. */
package io.idvmedia.secrets;
