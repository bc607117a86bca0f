package io.idvmedia.media;

import io.idvmedia.aws.SignedHttp.Answer;
import io.idvmedia.aws.SignedHttp.Body;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.HttpsURLConnection;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The S3 store's client code run once without reaching S3, before a SnapStart snapshot. A client configured as the
 * store's (its endpoint from S3's endpoint rules), but signing with credentials that are no one's and answered here as
 * S3 would, makes the calls a function's first events make (read a manifest that is not there and one that is, write
 * one, write it only if absent, list a session's copies and its uploads, delete some copies) and signs a URL: the
 * endpoint rules, the signer, the XML parser and the client's own classes are then loaded, initialized and compiled in
 * the snapshot, and so is the JDK's TLS set-up (its trust managers over the CA certificates), which the first HTTPS
 * connection would make. Nothing made here is kept: the store builds its own client on first use, with the execution
 * role's credentials.
 */
final class S3Priming {

    private static final String ABSENT = "priming/absent.json";
    private static final String PRESENT = "priming/present.json";
    private static final String XMLNS = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";

    private S3Priming() {
    }

    /** @return whether every call got the answer it should */
    static boolean run(MediaConfig.S3 settings) {
        HttpsURLConnection.getDefaultSSLSocketFactory();
        StaticCredentialsProvider noOnes = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDPRIMING", "priming-not-a-secret"));
        S3Api s3 = MediaStores.s3Api(settings, noOnes, S3Priming::answer);
        boolean absent = s3.get(ABSENT).isEmpty();
        boolean present = s3.get(PRESENT).map(f -> new String(f.body(), StandardCharsets.UTF_8).equals("{}"))
                .orElse(false);
        Body json = Body.of("{}".getBytes(StandardCharsets.UTF_8));
        s3.put(PRESENT, json, Map.of("Content-Type", "application/json"));
        s3.put(PRESENT, json, Map.of("If-None-Match", "*"));
        boolean listed = s3.list("priming/", Optional.empty(), Optional.empty(), Optional.empty()).items().isEmpty()
                && s3.uploads("priming/").isEmpty();
        boolean deleted = s3.deleteAll(List.of(PRESENT)).isEmpty();
        boolean signed = s3.presignGet(PRESENT, Map.of("response-cache-control", "private, no-store"),
                Duration.ofMinutes(1), Clock.systemUTC()).contains("X-Amz-Signature=");
        return absent && present && listed && deleted && signed;
    }

    /** S3's answers to the priming's calls, made here. */
    private static Answer answer(SdkHttpRequest request, Optional<Body> body) {
        Map<String, List<String>> query = request.rawQueryParameters();
        SdkHttpMethod method = request.method();
        if (method == SdkHttpMethod.GET && query.containsKey("list-type")) {
            return xml(200, "<ListBucketResult" + XMLNS + "><Prefix>priming/</Prefix><KeyCount>0</KeyCount>"
                    + "<MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>");
        }
        if (method == SdkHttpMethod.GET && query.containsKey("uploads")) {
            return xml(200, "<ListMultipartUploadsResult" + XMLNS + "><IsTruncated>false</IsTruncated>"
                    + "</ListMultipartUploadsResult>");
        }
        if (method == SdkHttpMethod.POST && query.containsKey("delete")) {
            return xml(200, "<DeleteResult" + XMLNS + "><Deleted><Key>" + PRESENT + "</Key></Deleted></DeleteResult>");
        }
        if (method == SdkHttpMethod.GET && request.encodedPath().endsWith(ABSENT)) {
            return xml(404, "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
                    + "<Key>" + ABSENT + "</Key></Error>");
        }
        if (method == SdkHttpMethod.GET) {
            return answer(200, "application/json", "{}");
        }
        return answer(200, "application/xml", "");
    }

    private static Answer xml(int status, String body) {
        return answer(status, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body);
    }

    private static Answer answer(int status, String contentType, String body) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Content-Type", List.of(contentType));
        headers.put("ETag", List.of("\"99914b932bd37a50b983c5e7c90ae93b\""));
        headers.put("x-amz-request-id", List.of("PRIMING"));
        return new Answer(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
