package io.idvmedia.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Named;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handler names Terraform deploys (infra/handlers.json) are those of the Java handlers. */
class HandlerNamesTest {

    @Test
    void shouldDeployExactlyTheJavaHandlers() throws Exception {
        List<String> deployed = Arrays.asList(new ObjectMapper().readValue(Path.of("infra", "handlers.json")
                .toFile(), String[].class));

        List<String> named = List.of(GetSessionHandler.class, ListMediaHandler.class, GetMediaHandler.class,
                DeleteSessionHandler.class, DeleteMediaHandler.class, ExportSessionHandler.class, HoldHandler.class,
                GetReceiptsHandler.class, PurgeExpiredHandler.class,
                IssueGrantHandler.class, ReceiveWebhookHandler.class, StageSessionHandler.class).stream()
                .map(c -> c.getAnnotation(Named.class).value()).toList();

        assertThat(deployed).containsExactlyInAnyOrderElementsOf(named);
    }
}
