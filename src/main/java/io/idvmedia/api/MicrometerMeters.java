package io.idvmedia.api;

import io.idvmedia.telemetry.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;

/** The server's metrics sink: its Micrometer registry, served at {@code /q/metrics} in Prometheus format. */
@ApplicationScoped
public class MicrometerMeters implements Meters {

    private final MeterRegistry registry;

    @Inject
    public MicrometerMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void count(String name, String description, String baseUnit, double amount, String... tags) {
        Counter.builder(name).description(description).baseUnit(baseUnit).tags(tags).register(registry)
                .increment(amount);
    }

    @Override
    public void time(String name, String description, long nanos, String... tags) {
        Timer.builder(name).description(description).tags(tags).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
