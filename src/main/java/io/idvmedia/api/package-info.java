/** The local HTTP adapter: routes parse a request, call an operation and render its answer; nothing is decided. */
package io.idvmedia.api;
