/** Sumsub: applicants as sessions, their images and videos as media, and its webhooks. */
package io.idvmedia.provider.sumsub;
