/** Yoti: its API, request signing, media index, summary and notifications. */
package io.idvmedia.provider.yoti;
