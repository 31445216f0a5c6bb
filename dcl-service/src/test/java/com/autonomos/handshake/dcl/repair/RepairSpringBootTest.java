package com.autonomos.handshake.dcl.repair;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one application context the repair tests share (so it starts once): loopback allowed, a 2.5 s hold, 1 s time
 * limits (generous for a cold JVM), breakers that open after four failed calls; sourceOfTruth half-opens after 4 s,
 * longer than the hold, so a test sees one breaker opening per hold.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "dcl.allowed-sources=localhost,127.0.0.1",
        "dcl.data-dir=target/repair-tests-data",
        "dcl.repair.max-hold=2500ms",
        "dcl.repair.hold-retry-interval=100ms",
        "resilience4j.retry.instances.sourceOfTruth.wait-duration=20ms",
        "resilience4j.circuitbreaker.instances.sourceOfTruth.sliding-window-size=4",
        "resilience4j.circuitbreaker.instances.sourceOfTruth.minimum-number-of-calls=4",
        "resilience4j.circuitbreaker.instances.sourceOfTruth.wait-duration-in-open-state=4s",
        "resilience4j.circuitbreaker.instances.sourceOfTruth.permitted-number-of-calls-in-half-open-state=2",
        "resilience4j.timelimiter.instances.sourceOfTruth.timeout-duration=1s",
        "resilience4j.circuitbreaker.instances.farmVerify.sliding-window-size=4",
        "resilience4j.circuitbreaker.instances.farmVerify.minimum-number-of-calls=4",
        "resilience4j.timelimiter.instances.farmVerify.timeout-duration=1s"})
@interface RepairSpringBootTest {
}
