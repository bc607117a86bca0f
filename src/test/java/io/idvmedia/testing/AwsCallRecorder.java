package io.idvmedia.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idvmedia.aws.AwsCall;
import io.idvmedia.aws.AwsCallObserver;
import io.idvmedia.telemetry.OperationContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Records every AWS call the application makes while the tests run, for the IAM simulation that the build runs
 * afterwards (src/build/iam/simulate.mjs): the function that made it (see {@link OperationContext}), the service,
 * the SDK operation, what it named (bucket, keys, prefix, queue), the encryption it asked for, and the
 * status S3 answered. Registered for every SDK client in the test JVM (SQS's) through the SDK's global interceptor
 * list (src/test/resources/software/amazon/awssdk/global/handlers/execution.interceptors), and for the S3 store's
 * client as its observer (src/test/resources/META-INF/services/io.idvmedia.aws.AwsCallObserver); calls made by the
 * tests' own clients (no function in context) and presigned URLs (which execute nothing) are told apart.
 * Written as JSON lines to target/aws-calls/, one file per test JVM.
 */
public final class AwsCallRecorder implements ExecutionInterceptor, AwsCallObserver {

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

    @Override
    public void observed(AwsCall aws) {
        String function = OperationContext.current();
        if (function == null) {
            return;
        }
        ObjectNode call = JSON.createObjectNode();
        call.put("function", function);
        call.put("service", aws.service());
        call.put("operation", aws.operation());
        aws.status().ifPresent(status -> call.put("status", status));
        aws.failure().ifPresent(failure -> call.put("failure", failure));
        aws.names().forEach((name, value) -> call.set(name, JSON.valueToTree(value)));
        write(call);
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
        if (request instanceof SendMessageRequest r) {
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
