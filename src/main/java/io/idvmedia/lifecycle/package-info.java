/** The data lifecycle of sessions across providers: legal holds that stop deletes. */
package io.idvmedia.lifecycle;
