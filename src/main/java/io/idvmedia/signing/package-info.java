/** Generic cryptography shared by providers and access: keys, HMACs, verified streams. */
package io.idvmedia.signing;
