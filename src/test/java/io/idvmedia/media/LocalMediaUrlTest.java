package io.idvmedia.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local store's URLs: absolute under its public URL when one is set, else relative for the adapter to resolve. */
class LocalMediaUrlTest {

    private static final StagedKey KEY = new StagedKey("yoti", "11111111-1111-4111-8111-111111111111",
            "a1000000-0000-4000-8000-000000000001");
    private static final StagedMedia MEDIA = new StagedMedia("image/jpeg", 3, "ab", Instant.EPOCH, null, null, false);
    private static final LocalUrlSigner SIGNER = new LocalUrlSigner(
            "a-url-signing-key-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8));
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void shouldPointUnderThePublicUrlWhenOneIsSet() {
        LocalMediaStore store = new LocalMediaStore(dir, SIGNER, Optional.of(URI.create("https://media.example.com/")),
                new ObjectMapper(), CLOCK);

        MediaUrl url = store.presign(KEY, MEDIA, Duration.ofSeconds(60), Optional.empty(), Optional.of("user-1"));

        assertThat(url.url()).startsWith("https://media.example.com/v1/staged/yoti/" + KEY.sessionId() + "/"
                + KEY.mediaId() + "?expires=1800000060&sub=user-1&signature=");
        // A request's own base never replaces the configured public URL.
        assertThat(url.against(URI.create("http://evil.example"))).isEqualTo(url);
    }

    @Test
    void shouldBeRelativeToThisApplicationWithoutAPublicUrlAndResolvedAgainstTheCallersBase() {
        LocalMediaStore store = new LocalMediaStore(dir, SIGNER, Optional.empty(), new ObjectMapper(), CLOCK);

        MediaUrl url = store.presign(KEY, MEDIA, Duration.ofSeconds(60), Optional.of("media.jpg"), Optional.empty());

        assertThat(url.url()).startsWith("/v1/staged/yoti/").contains("&download=true&signature=");
        assertThat(url.against(URI.create("http://localhost:8080/")).url())
                .isEqualTo("http://localhost:8080" + url.url());
    }
}
