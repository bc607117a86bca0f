package io.idvmedia.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClassDataArchiveTest {

    @Test
    void shouldSayWhetherTheArchiveIsInUseAndWhyNot() {
        assertThat(ClassDataArchive.message("/opt/idv/functions.jsa", true))
                .isEqualTo("Class-data archive /opt/idv/functions.jsa in use");
        assertThat(ClassDataArchive.message("/opt/idv/functions.jsa", false))
                .startsWith("Class-data archive /opt/idv/functions.jsa NOT in use")
                .contains("every class is loaded from its jar", "docs/lambda.md");
    }
}
