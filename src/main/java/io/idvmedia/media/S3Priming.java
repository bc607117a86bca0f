package io.idvmedia.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 store's client code run once without reaching S3, before a SnapStart snapshot. A client configured as the
 * store's, but signing with credentials that are no one's and sending through an HTTP client that answers each
 * request here as S3 would, makes the calls a function's first events make (read a manifest that is not there and one
 * that is, write one, write it only if absent, list a session's copies and its uploads, delete some copies) and signs
 * a URL. Its endpoint rules, signer, interceptors, XML marshallers and error parsing, and the AWS SDK's model classes
 * for those calls (about 2,600 classes, a thousand of them its model fields' lambdas, which a new JVM takes most of a
 * second to load and run at first), are then loaded, initialized and compiled in the snapshot, and so is the TLS
 * set-up of the store's own HTTP client, one of which is made and closed, never connected. Nothing made here is
 * kept: the store builds its own client on first use, with the execution role's credentials.
 */
final class S3Priming {

    private static final String BUCKET = "idv-priming";
    private static final String ABSENT = "priming/absent.json";
    private static final String PRESENT = "priming/present.json";
    private static final String XMLNS = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";

    private S3Priming() {
    }

    /** @return whether every call got the answer it should */
    static boolean run(S3ClientBuilder client, S3Presigner.Builder presigner) {
        // The store's HTTP client sets up TLS (the JDK's trust managers over its CA certificates) when it is made:
        // one is made and closed here, never connected.
        UrlConnectionHttpClient.create().close();
        StaticCredentialsProvider noOnes = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDPRIMING", "priming-not-a-secret"));
        try (S3Client s3 = client.httpClient(new Answers()).credentialsProvider(noOnes).build();
                S3Presigner urls = presigner.credentialsProvider(noOnes).build()) {
            boolean absent;
            try {
                s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(ABSENT));
                absent = false;
            } catch (NoSuchKeyException expected) {
                absent = true;
            }
            boolean present = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(PRESENT)).asUtf8String().equals("{}");
            s3.putObject(b -> b.bucket(BUCKET).key(PRESENT).contentType("application/json"),
                    RequestBody.fromString("{}"));
            s3.putObject(b -> b.bucket(BUCKET).key(PRESENT).ifNoneMatch("*"), RequestBody.fromString("{}"));
            boolean listed = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("priming/")).contents().isEmpty()
                    && s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix("priming/")).uploads().isEmpty();
            boolean deleted = s3.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.objects(
                    ObjectIdentifier.builder().key(PRESENT).build()))).errors().isEmpty();
            boolean signed = urls.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(1))
                    .getObjectRequest(g -> g.bucket(BUCKET).key(PRESENT))).url().getQuery().contains("X-Amz-");
            return absent && present && listed && deleted && signed;
        }
    }

    /** S3's answers to the priming's calls, made here. */
    private static final class Answers implements SdkHttpClient {

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    Optional<InputStream> body = request.contentStreamProvider().map(p -> p.newStream());
                    if (body.isPresent()) {
                        try (InputStream in = body.get()) {
                            in.transferTo(OutputStream.nullOutputStream());
                        }
                    }
                    return answer(request.httpRequest());
                }

                @Override
                public void abort() {
                }
            };
        }

        private static HttpExecuteResponse answer(SdkHttpRequest request) {
            Map<String, ?> query = request.rawQueryParameters();
            SdkHttpMethod method = request.method();
            if (method == SdkHttpMethod.GET && query.containsKey("list-type")) {
                return xml(200, "<ListBucketResult" + XMLNS + "><Name>" + BUCKET + "</Name><Prefix>priming/</Prefix>"
                        + "<KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>"
                        + "</ListBucketResult>");
            }
            if (method == SdkHttpMethod.GET && query.containsKey("uploads")) {
                return xml(200, "<ListMultipartUploadsResult" + XMLNS + "><Bucket>" + BUCKET + "</Bucket>"
                        + "<IsTruncated>false</IsTruncated></ListMultipartUploadsResult>");
            }
            if (method == SdkHttpMethod.POST && query.containsKey("delete")) {
                return xml(200, "<DeleteResult" + XMLNS + "><Deleted><Key>" + PRESENT + "</Key></Deleted>"
                        + "</DeleteResult>");
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

        private static HttpExecuteResponse xml(int status, String body) {
            return answer(status, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body);
        }

        private static HttpExecuteResponse answer(int status, String contentType, String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            SdkHttpResponse response = SdkHttpResponse.builder().statusCode(status)
                    .putHeader("Content-Type", contentType)
                    .putHeader("Content-Length", String.valueOf(bytes.length))
                    .putHeader("ETag", "\"99914b932bd37a50b983c5e7c90ae93b\"")
                    .putHeader("x-amz-request-id", "PRIMING").build();
            return HttpExecuteResponse.builder().response(response)
                    .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes))).build();
        }

        @Override
        public void close() {
        }
    }
}
