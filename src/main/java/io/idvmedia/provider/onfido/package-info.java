/** Onfido: its API, authentication, media index, summary and webhooks. */
package io.idvmedia.provider.onfido;
