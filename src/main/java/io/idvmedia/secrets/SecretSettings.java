package io.idvmedia.secrets;

import java.util.List;
import java.util.Map;

/**
 * A component's settings that hold literals or secret references (credentials, keys), by setting name, each as the
 * list of its entries; settings not configured are left out. {@link SecretChecks} reads every one at start-up.
 */
public interface SecretSettings {

    Map<String, List<String>> secretSettings();
}
