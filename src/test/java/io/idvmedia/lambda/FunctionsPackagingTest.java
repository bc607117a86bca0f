package io.idvmedia.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The Lambda functions' packaging (src/build/functions) is the application's sources with what only the local server
 * runs left out: its settings are the server's own where they apply to both, and it leaves nothing else out.
 */
class FunctionsPackagingTest {

    private static final Path FUNCTIONS = Path.of("src/build/functions");
    private static final String OWN = "# ---- The functions' own";

    @Test
    void shouldSetTheSharedSettingsExactlyAsTheServerDoes() throws IOException {
        List<String> server = Files.readAllLines(Path.of("src/main/resources/application.properties"));
        List<String> functions = Files.readAllLines(FUNCTIONS.resolve("resources/application.properties"));
        int own = functions.indexOf(functions.stream().filter(l -> l.startsWith(OWN)).findFirst().orElseThrow());
        Predicate<String> setting = line -> !line.isBlank() && !line.startsWith("#");

        List<String> shared = functions.subList(0, own).stream().filter(setting).toList();
        assertThat(shared).as("shared settings").isNotEmpty();
        assertThat(server).as("the server's settings").containsAll(shared);
        List<String> ownSettings = functions.subList(own, functions.size()).stream().filter(setting).toList();
        assertThat(ownSettings).as("the functions' own settings").isNotEmpty()
                .allSatisfy(line -> assertThat(server).noneMatch(s -> s.startsWith(line.substring(0,
                        line.indexOf('=') + 1))));
    }

    @Test
    void shouldLeaveOutOnlyTheServerAdapterAndTheSandbox() throws IOException {
        String pom = Files.readString(FUNCTIONS.resolve("pom.xml"));

        assertThat(pom).contains("<exclude>io/idvmedia/api/**</exclude>", "<exclude>io/idvmedia/sandbox/**</exclude>");
        assertThat(pom.split("<exclude>", -1)).as("excludes").hasSize(3);
        assertThat(pom).contains("<sources>${project.basedir}/../../main/java</sources>");
    }
}
