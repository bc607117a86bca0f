/** The store of staged copies (local directory or S3): one key layout, manifests, deletion markers, URL signing. */
package io.idvmedia.media;
