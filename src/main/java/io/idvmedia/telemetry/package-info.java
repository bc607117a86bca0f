/** Metrics of operations, transfers, stagings and jobs. */
package io.idvmedia.telemetry;
