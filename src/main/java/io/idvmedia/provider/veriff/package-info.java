/** Veriff: its API, request and response signatures, media index, summary and webhooks. */
package io.idvmedia.provider.veriff;
