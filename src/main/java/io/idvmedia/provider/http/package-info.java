/** The one way to call a provider over HTTP: signing, retries, timeouts, declared lengths and streamed bodies. */
package io.idvmedia.provider.http;
