package io.idvmedia.api;

import io.idvmedia.transfer.Transfers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the media transfers in progress and the instance's limit under {@code /q/health/ready}. Always up: a busy
 * instance answers {@code 503} with {@code Retry-After} per request rather than leaving the pool.
 */
@Readiness
@ApplicationScoped
public class TransfersHealthCheck implements HealthCheck {

    private final Transfers transfers;

    @Inject
    public TransfersHealthCheck(Transfers transfers) {
        this.transfers = transfers;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("media-transfers").up()
                .withData("active", transfers.active())
                .withData("limit", transfers.limit())
                .build();
    }
}
