package io.idvmedia.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idvmedia.error.InvalidRequestException;
import org.junit.jupiter.api.Test;

class IdFormatTest {

    /** The form of a provider whose ids are not UUIDs: 24 lower-case letters and digits. */
    private static final IdFormat APPLICANT = IdFormat.of("24 lower-case letters and digits", "[0-9a-z]{24}");

    @Test
    void shouldKeepUuidsInLowerCaseAndRefuseAnythingElseWithoutEchoingIt() {
        assertThat(IdFormat.UUID.require("sessionId", "5B7E1C9A-3F2D-4E8B-9A6C-1D2E3F4A5B6C"))
                .isEqualTo("5b7e1c9a-3f2d-4e8b-9a6c-1d2e3f4a5b6c");
        assertThatThrownBy(() -> IdFormat.UUID.require("sessionId", "../../etc/passwd"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("sessionId must be a UUID (8-4-4-4-12 hexadecimal digits)");
        assertThatThrownBy(() -> IdFormat.UUID.require("sessionId", ""))
                .hasMessage("sessionId is required");
    }

    @Test
    void shouldCheckEachProvidersOwnForm() {
        assertThat(APPLICANT.require("sessionId", "5f1b2c3d4e5f6a7b8c9d0e1f")).isEqualTo("5f1b2c3d4e5f6a7b8c9d0e1f");
        // A UUID is not this provider's id, nor is the same id in upper case (its ids are case-sensitive).
        assertThat(APPLICANT.matches("5b7e1c9a-3f2d-4e8b-9a6c-1d2e3f4a5b6c")).isFalse();
        assertThat(APPLICANT.matches("5F1B2C3D4E5F6A7B8C9D0E1F")).isFalse();
        assertThatThrownBy(() -> APPLICANT.require("sessionId", "5f1b2c3d4e5f6a7b8c9d0e1f/x"))
                .hasMessage("sessionId must be 24 lower-case letters and digits");
    }

    @Test
    void shouldAdmitEveryProvidersIdsAndNoPathOrQueryCharacterWhereTheProviderIsNotYetKnown() {
        assertThat(IdFormat.ANY.matches("5b7e1c9a-3f2d-4e8b-9a6c-1d2e3f4a5b6c")).isTrue();
        assertThat(IdFormat.ANY.matches("5f1b2c3d4e5f6a7b8c9d0e1f")).isTrue();
        assertThat(IdFormat.ANY.matches("123456789")).isTrue();
        for (String hostile : new String[] {"a/b", "..", "a.b", "a?b", "a%2Fb", "a b", "x".repeat(65), ""}) {
            assertThat(IdFormat.ANY.matches(hostile)).as(hostile).isFalse();
        }
    }
}
