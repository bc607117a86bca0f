/** Webhook reception: each provider's receiver contract, authentication first, de-duplication, the job it queues. */
package io.idvmedia.webhook;
