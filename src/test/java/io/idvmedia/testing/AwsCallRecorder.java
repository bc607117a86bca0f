package io.idvmedia.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idvmedia.telemetry.OperationContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectLegalHoldRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Records every AWS call the application makes while the tests run, for the IAM simulation that the build runs
 * afterwards (src/build/iam/simulate.mjs): the function that made it (see {@link OperationContext}), the service,
 * the SDK operation, what it named (bucket, keys, prefix, queue), the encryption it asked for, and the
 * status S3 answered. Registered for every SDK client in the test JVM through the SDK's global interceptor list
 * (src/test/resources/software/amazon/awssdk/global/handlers/execution.interceptors); calls made by the tests' own
 * clients (no function in context) and presigned URLs (which execute nothing) are told apart.
 * Written as JSON lines to target/aws-calls/, one file per test JVM.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of("target", "aws-calls");
    private static final Path FILE = DIR.resolve("calls-" + ProcessHandle.current().pid() + ".jsonl");

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(context.request(), attributes, Optional.of(context.httpResponse()), null);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(context.request(), attributes, context.httpResponse(), context.exception());
    }

    private static void record(SdkRequest request, ExecutionAttributes attributes,
            Optional<SdkHttpResponse> response, Throwable failure) {
        String function = OperationContext.current();
        if (function == null) {
            // The tests' own clients (seeding, checking what is stored), never the application.
            return;
        }
        ObjectNode call = JSON.createObjectNode();
        call.put("function", function);
        call.put("service", attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
        call.put("operation", attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        response.ifPresent(r -> call.put("status", r.statusCode()));
        if (failure != null && response.isEmpty()) {
            call.put("failure", failure.getClass().getSimpleName());
        }
        describe(request, call);
        write(call);
    }

    private static void describe(SdkRequest request, ObjectNode call) {
        if (request instanceof GetObjectRequest r) {
            call.put("bucket", r.bucket()).put("key", r.key());
        } else if (request instanceof HeadObjectRequest r) {
            call.put("bucket", r.bucket()).put("key", r.key());
        } else if (request instanceof PutObjectRequest r) {
            call.put("bucket", r.bucket()).put("key", r.key()).put("kmsKeyId", r.ssekmsKeyId())
                    .put("tagging", r.tagging());
        } else if (request instanceof CreateMultipartUploadRequest r) {
            call.put("bucket", r.bucket()).put("key", r.key()).put("kmsKeyId", r.ssekmsKeyId())
                    .put("tagging", r.tagging());
        } else if (request instanceof UploadPartRequest r) {
            call.put("bucket", r.bucket()).put("key", r.key());
        } else if (request instanceof CompleteMultipartUploadRequest r) {
            call.put("bucket", r.bucket()).put("key", r.key());
        } else if (request instanceof AbortMultipartUploadRequest r) {
            call.put("bucket", r.bucket()).put("key", r.key());
        } else if (request instanceof DeleteObjectRequest r) {
            call.put("bucket", r.bucket()).put("key", r.key());
        } else if (request instanceof DeleteObjectsRequest r) {
            call.put("bucket", r.bucket());
            List<String> keys = r.delete().objects().stream().map(ObjectIdentifier::key).toList();
            keys.forEach(call.putArray("keys")::add);
        } else if (request instanceof ListObjectsV2Request r) {
            call.put("bucket", r.bucket()).put("prefix", r.prefix());
        } else if (request instanceof ListObjectVersionsRequest r) {
            call.put("bucket", r.bucket()).put("prefix", r.prefix());
        } else if (request instanceof PutObjectLegalHoldRequest r) {
            call.put("bucket", r.bucket()).put("key", r.key());
        } else if (request instanceof PutObjectTaggingRequest r) {
            call.put("bucket", r.bucket()).put("key", r.key());
        } else if (request instanceof ListMultipartUploadsRequest r) {
            call.put("bucket", r.bucket()).put("prefix", r.prefix());
        } else if (request instanceof SendMessageRequest r) {
            call.put("queueUrl", r.queueUrl());
        } else {
            call.put("unrecognized", request.getClass().getSimpleName());
        }
    }

    private static synchronized void write(ObjectNode call) {
        try {
            Files.createDirectories(DIR);
            Files.write(FILE, (JSON.writeValueAsString(call) + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not record an AWS call", e);
        }
    }
}
