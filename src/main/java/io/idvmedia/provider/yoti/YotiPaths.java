package io.idvmedia.provider.yoti;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Every Yoti IDV path, relative to the API base; ids are encoded here and nowhere else. */
final class YotiPaths {

    private YotiPaths() {
    }

    static String session(String sessionId) {
        return "/sessions/" + encode(sessionId);
    }

    static String mediaContent(String sessionId, String mediaId) {
        return "/sessions/%s/media/%s/content".formatted(encode(sessionId), encode(mediaId));
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
