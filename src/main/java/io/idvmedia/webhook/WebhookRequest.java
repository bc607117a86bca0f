package io.idvmedia.webhook;

import io.idvmedia.access.Channel;
import java.util.Map;

/**
 * A webhook as it arrived, from either runtime.
 *
 * @param headers header names in lower case
 * @param body the raw body, read up to one byte past the limit (a longer body is refused, not read)
 */
public record WebhookRequest(Channel channel, String requestId, String callerAddress, String provider,
        Map<String, String> headers, byte[] body) {
}
