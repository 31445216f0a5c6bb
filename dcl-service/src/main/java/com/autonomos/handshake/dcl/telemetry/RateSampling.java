package com.autonomos.handshake.dcl.telemetry;

import com.autonomos.handshake.dcl.system.LifecyclePhase;
import com.autonomos.handshake.dcl.system.Ticker;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Samples every connector's settled count once per {@code dcl.telemetry.tick}, which is what {@code tps} is computed
 * from: the rate is there whether or not anyone watches the event stream.
 */
@Component
class RateSampling implements SmartLifecycle {

    private final IngestTelemetry telemetry;
    private final TelemetryProperties properties;
    private final Ticker ticker;
    private volatile Ticker.Tick tick;

    RateSampling(IngestTelemetry telemetry, TelemetryProperties properties, Ticker ticker) {
        this.telemetry = telemetry;
        this.properties = properties;
        this.ticker = ticker;
    }

    @Override
    public void start() {
        tick = ticker.every("telemetry-rates", properties.tick(), telemetry::sampleRates);
    }

    @Override
    public void stop() {
        Ticker.Tick t = tick;
        tick = null;
        if (t != null) {
            t.cancel();
        }
    }

    @Override
    public boolean isRunning() {
        return tick != null;
    }

    @Override
    public int getPhase() {
        return LifecyclePhase.TELEMETRY.phase();
    }
}
