package io.idvmedia.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.idvmedia.provider.ProviderDescriptor;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md against the code: every setting of every {@code @ConfigMapping} interface is in its table
 * (a {@code prefix.*} row covers a whole group), and every {@code idv.} key the table names exists.
 */
class ConfigurationDocTest {

    private static final Path DOC = Path.of("docs", "configuration.md");
    private static final Path CLASSES = Path.of("target", "classes");
    private static final Pattern KEY = Pattern.compile("`(idv\\.[a-z0-9.*-]+|…[a-z0-9.-]+)`");

    @Test
    void shouldDocumentEverySettingAndNoOther() throws Exception {
        Set<String> code = settingsInCode();
        Set<String> documented = documentedKeys();
        assertThat(code).as("settings found in the code").hasSizeGreaterThan(50);

        List<String> undocumented = code.stream().filter(key -> !covered(key, documented)).toList();
        List<String> stale = documented.stream().filter(key -> !key.endsWith(".*"))
                .filter(key -> !code.contains(key)).toList();

        assertThat(undocumented).as("settings missing from " + DOC).isEmpty();
        assertThat(stale).as("keys in " + DOC + " that no @ConfigMapping declares").isEmpty();
    }

    /**
     * infra/ against the code: every {@code IDV_*} environment variable Terraform sets names a setting the code
     * declares (as Quarkus maps it: dots and dashes become underscores), and the providers map of
     * infra/providers.tf lists exactly the provider packages.
     */
    @Test
    void shouldDeployOnlySettingsTheCodeReadsForExactlyTheProvidersItHas() throws Exception {
        Set<String> envForms = new TreeSet<>();
        for (String key : settingsInCode()) {
            envForms.add(ProviderDescriptor.environmentVariable(key));
        }
        Set<String> deployed = new TreeSet<>();
        Pattern env = Pattern.compile("\\b(IDV_[A-Z0-9_]+)\\b");
        Pattern templated = Pattern.compile("\"IDV_\\$\\{upper\\(p\\)\\}_([A-Z0-9_]+)\"");
        List<String> providersInMap = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("infra"))) {
            for (Path tf : files.filter(f -> f.toString().endsWith(".tf")).toList()) {
                String text = Files.readString(tf);
                Matcher m = env.matcher(text);
                while (m.find()) {
                    deployed.add(m.group(1));
                }
                if (tf.getFileName().toString().equals("providers.tf")) {
                    Matcher entry = Pattern.compile("(?m)^    ([a-z0-9]+) = \\{$").matcher(text);
                    while (entry.find()) {
                        providersInMap.add(entry.group(1));
                    }
                    Matcher t = templated.matcher(text);
                    while (t.find()) {
                        for (String p : providersInMap) {
                            deployed.add("IDV_" + p.toUpperCase(Locale.ROOT) + "_" + t.group(1));
                        }
                    }
                }
            }
        }
        assertThat(deployed).as("IDV_ variables set by infra/").hasSizeGreaterThan(20);
        assertThat(deployed.stream().filter(name -> !envForms.contains(name)).toList())
                .as("IDV_ variables infra/ sets that no @ConfigMapping declares").isEmpty();

        List<String> packages;
        try (Stream<Path> dirs = Files.list(CLASSES.resolve("io/idvmedia/provider"))) {
            packages = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .filter(name -> !name.equals("http")).toList();
        }
        assertThat(providersInMap).as("the providers map of infra/providers.tf")
                .containsExactlyInAnyOrderElementsOf(packages);
    }

    private static boolean covered(String key, Set<String> documented) {
        return documented.contains(key) || documented.stream().filter(d -> d.endsWith(".*"))
                .anyMatch(d -> key.startsWith(d.substring(0, d.length() - 1)));
    }

    /** The keys of the table's first column; {@code …name} continues the cell's first key's parent. */
    private static Set<String> documentedKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String line : Files.readAllLines(DOC)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String cell = line.substring(1, line.indexOf('|', 1));
            Matcher m = KEY.matcher(cell);
            String parent = null;
            while (m.find()) {
                String key = m.group(1);
                if (key.startsWith("…")) {
                    keys.add(parent + key.substring(1));
                } else {
                    keys.add(key);
                    parent = key.substring(0, key.lastIndexOf('.') + 1);
                }
            }
        }
        return keys;
    }

    private static Set<String> settingsInCode() throws Exception {
        Set<String> keys = new TreeSet<>();
        List<Path> classFiles;
        try (Stream<Path> walk = Files.walk(CLASSES.resolve("io/idvmedia"))) {
            classFiles = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path file : classFiles) {
            String name = CLASSES.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            Class<?> type = Class.forName(name, false, ConfigurationDocTest.class.getClassLoader());
            ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
            if (mapping != null && type.isInterface()) {
                walk(type, mapping.prefix(), keys);
            }
        }
        return keys;
    }

    private static void walk(Class<?> group, String prefix, Set<String> keys) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            String key = method.isAnnotationPresent(WithParentName.class) ? prefix
                    : prefix + "." + (method.isAnnotationPresent(WithName.class)
                            ? method.getAnnotation(WithName.class).value() : kebab(method.getName()));
            Class<?> nested = groupOf(method.getGenericReturnType());
            if (nested != null) {
                walk(nested, key, keys);
            } else {
                keys.add(key);
            }
        }
    }

    /** The group interface a method returns (itself, or inside an Optional), or null for a value. */
    private static Class<?> groupOf(Type type) {
        Type raw = type;
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Optional.class) {
            raw = parameterized.getActualTypeArguments()[0];
        }
        return raw instanceof Class<?> c && c.isInterface() && c.getName().startsWith("io.idvmedia.") ? c : null;
    }

    private static String kebab(String camel) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch) && part.length() > 0) {
                parts.add(part.toString());
                part.setLength(0);
            }
            part.append(Character.toLowerCase(ch));
        }
        parts.add(part.toString());
        return String.join("-", parts);
    }
}
