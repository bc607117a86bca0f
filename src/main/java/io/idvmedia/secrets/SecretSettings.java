package io.idvmedia.secrets;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A component's settings that hold literals or secret references (credentials, keys), by setting name, each as the
 * list of its entries; settings not configured are left out. {@link SecretChecks} reads every one at start-up.
 */
public interface SecretSettings {

    Map<String, List<String>> secretSettings();

    /** Settings of one value each, by name; the ones not set left out. */
    static Map<String, List<String>> present(Map<String, Optional<String>> settings) {
        Map<String, List<String>> present = new TreeMap<>();
        settings.forEach((name, value) -> value.ifPresent(v -> present.put(name, List.of(v))));
        return present;
    }
}
