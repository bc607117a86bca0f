/** Transfers: admission (instance and caller shares), progress watching, and the streamed copy loop. */
package io.idvmedia.transfer;
