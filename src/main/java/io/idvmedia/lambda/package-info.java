/** The Lambda adapter: one handler per function, API Gateway and direct-invocation events in, the same answers out. */
package io.idvmedia.lambda;
