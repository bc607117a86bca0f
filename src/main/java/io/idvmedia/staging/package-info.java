/** Staging: copying media from providers into the store ahead of time or on demand, the jobs and their queues. */
package io.idvmedia.staging;
