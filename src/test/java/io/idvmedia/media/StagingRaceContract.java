package io.idvmedia.media;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.idvmedia.testing.WireMockProvider;
import io.idvmedia.testing.WireMockYoti;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stagings that race each other or a delete, against WireMock as a slow Yoti: concurrent requests for one media share
 * one provider download, and a delete that lands while a staging runs always wins. Run against each store.
 */
abstract class StagingRaceContract {

    @WireMockProvider.InjectWireMock
    WireMockServer wireMock;

    abstract boolean holdsAnything(String provider, String sessionId, String mediaId);

    private String stubSlowMedia(String sid, String mid, int dribbleMillis) {
        return stubSlowMedia(sid, mid, 8, dribbleMillis);
    }

    /** A media sent in {@code chunks} pieces over {@code dribbleMillis}, each gap under the read timeout. */
    private String stubSlowMedia(String sid, String mid, int chunks, int dribbleMillis) {
        return stubSlowMedia(sid, mid, 0, chunks, dribbleMillis);
    }

    /** The same, its answer beginning only after {@code answerMillis}. */
    private String stubSlowMedia(String sid, String mid, int answerMillis, int chunks, int dribbleMillis) {
        byte[] body = new byte[256 * 1024];
        new SplittableRandom(sid.hashCode()).nextBytes(body);
        String path = WireMockYoti.BASE_PATH + "/sessions/" + sid + "/media/" + mid + "/content";
        wireMock.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withHeader("Content-Type", "video/mp4")
                .withBody(body).withFixedDelay(answerMillis).withChunkedDribbleDelay(chunks, dribbleMillis)));
        return path;
    }

    /** Starts a staging of the media (a request for its URL), its session's deletion at the provider stubbed. */
    private CompletableFuture<Response> stage(String sid, String mid) {
        wireMock.stubFor(delete(urlPathEqualTo(WireMockYoti.BASE_PATH + "/sessions/" + sid))
                .willReturn(aResponse().withStatus(200)));
        return CompletableFuture.supplyAsync(() -> given()
                .queryParam("delivery", "url").when().get("/v1/yoti/sessions/" + sid + "/media/" + mid));
    }

    /** Deletes the session, then holds the staging to ending at once with a 409, and nothing of it kept. */
    private void deleteAndExpectTheStagingDropped(String sid, String mid, CompletableFuture<Response> staging)
            throws Exception {
        given().when().delete("/v1/yoti/sessions/" + sid).then().statusCode(200);
        long deleted = System.nanoTime();

        Response raced = staging.get(30, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - deleted) / 1_000_000;
        assertThat(raced.statusCode()).as(raced.asString()).isEqualTo(409);
        assertThat(millis).as("ms from the delete to the staging's end").isLessThan(5_000);
        for (long deadline = System.currentTimeMillis() + 10_000; holdsAnything("yoti", sid, mid)
                && System.currentTimeMillis() < deadline; ) {
            Thread.sleep(50);
        }
        assertThat(holdsAnything("yoti", sid, mid)).as("a copy or an upload of the dropped staging").isFalse();
    }

    @Test
    void shouldDownloadOnceForConcurrentRequestsOfOneMedia() throws Exception {
        // GIVEN a media that takes a while to arrive
        String sid = UUID.randomUUID().toString();
        String mid = UUID.randomUUID().toString();
        String content = stubSlowMedia(sid, mid, 1500);

        // WHEN ten callers ask for its URL at once
        ExecutorService callers = Executors.newFixedThreadPool(10);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                answers.add(callers.submit(() -> given().queryParam("delivery", "url").when()
                        .get("/v1/yoti/sessions/" + sid + "/media/" + mid)));
            }
            List<String> digests = new ArrayList<>();
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
                digests.add(response.path("sha256"));
            }

            // THEN the provider sent it once, and every caller got the same copy
            wireMock.verify(1, getRequestedFor(urlPathEqualTo(content)));
            assertThat(digests).hasSize(10).containsOnly(digests.get(0));
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void shouldDropTheProviderDownloadOfAStagingWhenItsSessionIsDeleted() throws Exception {
        // GIVEN a staging in flight of a media that takes 20 s to arrive
        String sid = UUID.randomUUID().toString();
        String mid = UUID.randomUUID().toString();
        String content = stubSlowMedia(sid, mid, 100, 20_000);
        CompletableFuture<Response> staging = stage(sid, mid);
        awaitDownload(content);
        // The download has begun (and the staging with it); let some of it arrive.
        Thread.sleep(500);

        // WHEN the session is deleted
        // THEN the staging ends at once, keeping nothing, instead of downloading on to the end
        deleteAndExpectTheStagingDropped(sid, mid, staging);
    }

    @Test
    void shouldDropAStagingWhoseSessionIsDeletedBeforeTheProviderAnswers() throws Exception {
        // GIVEN a staging whose provider takes 0.4 s to answer (the tests' read timeout is 0.7 s), then 20 s to send
        // the media
        String sid = UUID.randomUUID().toString();
        String mid = UUID.randomUUID().toString();
        String content = stubSlowMedia(sid, mid, 400, 100, 20_000);
        CompletableFuture<Response> staging = stage(sid, mid);
        awaitDownload(content);

        // WHEN the session is deleted while the staging still waits for the provider's answer
        // THEN the staging ends as soon as the answer comes, keeping nothing, instead of downloading it all
        deleteAndExpectTheStagingDropped(sid, mid, staging);
    }

    @Test
    void shouldKeepNoCopyWhoseStagingRacedADelete() throws Exception {
        // GIVEN a staging in flight
        String sid = UUID.randomUUID().toString();
        String mid = UUID.randomUUID().toString();
        String content = stubSlowMedia(sid, mid, 2000);
        CompletableFuture<Response> staging = stage(sid, mid);
        awaitDownload(content);

        // WHEN the session is deleted before the staging is done (its media answers after 2 s)
        given().when().delete("/v1/yoti/sessions/" + sid).then().statusCode(200);

        // THEN the staging answers that nothing was kept, instead of a URL
        Response raced = staging.get();
        assertThat(raced.statusCode()).as(raced.asString()).isEqualTo(409);
        assertThat(raced.asString()).contains("deleted while it was being staged");
        // AND what it wrote is removed (by a purge job: the functions that read copies may not delete them)
        for (long deadline = System.currentTimeMillis() + 10_000; holdsAnything("yoti", sid, mid)
                && System.currentTimeMillis() < deadline; ) {
            Thread.sleep(50);
        }
        assertThat(holdsAnything("yoti", sid, mid)).as("a copy or an upload of the raced staging").isFalse();
        // AND no copy is reused later: the next request fetches from the provider again
        given().queryParam("delivery", "url").when().get("/v1/yoti/sessions/" + sid + "/media/" + mid).then()
                .statusCode(200);
        wireMock.verify(2, getRequestedFor(urlPathEqualTo(content)));
    }

    /** Waits until the provider was asked for the media's content: the staging has begun. */
    private void awaitDownload(String content) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (wireMock.getAllServeEvents().stream().noneMatch(e -> e.getRequest().getUrl().startsWith(content))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(wireMock.getAllServeEvents()).as("the media's download")
                .anyMatch(e -> e.getRequest().getUrl().startsWith(content));
    }
}
