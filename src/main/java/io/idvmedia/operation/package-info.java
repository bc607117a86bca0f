/** The operations (get-session, list-media, get-media, delete-session, delete-media), once for both adapters. */
package io.idvmedia.operation;
