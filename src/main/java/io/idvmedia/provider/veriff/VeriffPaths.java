package io.idvmedia.provider.veriff;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Every Veriff path, relative to the integration's API base; ids are encoded here and nowhere else. */
final class VeriffPaths {

    private VeriffPaths() {
    }

    static String session(String sessionId) {
        return "/sessions/" + encode(sessionId);
    }

    static String decision(String sessionId) {
        return "/sessions/%s/decision".formatted(encode(sessionId));
    }

    static String sessionMedia(String sessionId) {
        return "/sessions/%s/media".formatted(encode(sessionId));
    }

    static String media(String mediaId) {
        return "/media/" + encode(mediaId);
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
