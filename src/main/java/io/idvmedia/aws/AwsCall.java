package io.idvmedia.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * One AWS call, as an {@link AwsCallObserver} sees it once answered: the service and its name for the operation,
 * what the call named ({@code bucket}, {@code key}, {@code keys}, {@code prefix}, {@code queueUrl}) and asked for
 * ({@code kmsKeyId}, {@code tagging}), each a string or a list of strings, and the final status (absent when no answer
 * came, {@code failure} naming why).
 */
public record AwsCall(String service, String operation, Map<String, Object> names, Optional<Integer> status,
        Optional<String> failure) {

    /** Whoever watches calls: found with {@link java.util.ServiceLoader} (none is, in a deployment). */
    public static List<AwsCallObserver> observers() {
        return ServiceLoader.load(AwsCallObserver.class).stream().map(ServiceLoader.Provider::get).toList();
    }
}
