package io.idvmedia.provider.yoti;

import io.idvmedia.provider.http.RequestSigning;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Yoti's request signature: the path (under the API base) with its query gets Yoti's {@code sdkId}, {@code nonce}
 * and {@code timestamp}, and the request the digest headers, from the current key; every attempt anew.
 */
final class YotiSigning implements RequestSigning {

    private final YotiRequestSigner signer;
    private final String basePath;

    /**
     * @param signer the signer of the current key
     * @param base the API base, whose path precedes Yoti's own paths and is not signed
     */
    YotiSigning(YotiRequestSigner signer, URI base) {
        this.signer = signer;
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Override
    public Signed sign(String method, URI uri) {
        String pathWithQuery = uri.getRawPath().substring(basePath.length())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        YotiRequestSigner.SignedRequest signed = signer.sign(method, pathWithQuery, null);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Yoti-SDK", YotiProvider.SDK_NAME);
        headers.put("X-Yoti-SDK-Version", YotiProvider.SDK_VERSION);
        headers.putAll(signed.headers());
        return new Signed(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + basePath
                + signed.pathWithQuery()), headers);
    }
}
