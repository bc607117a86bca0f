/** export-session: a whole session (its document, summary and every media item) as one ZIP, in constant memory. */
package io.idvmedia.export;
