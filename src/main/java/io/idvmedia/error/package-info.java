/** The one exception hierarchy and its rendering as problem+json, shared by both adapters. */
package io.idvmedia.error;
