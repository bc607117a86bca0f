/** Staging: copying media from providers into the store of staged copies, on demand and ahead of time. */
package io.idvmedia.staging;
