package com.autonomos.handshake.aod.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.contracts.provision.ProvisionResult;
import org.junit.jupiter.api.Test;

/** Which DCL answers the {@code dcl} retry repeats and the {@code dcl} breaker counts as failures. */
class DclServerErrorTests {

    private final DclServerError serverError = new DclServerError();

    @Test
    void aFiveHundredAnswerIsAServerError() {
        assertThat(serverError.test(refused(500))).isTrue();
        assertThat(serverError.test(refused(503))).isTrue();
    }

    @Test
    void aRefusalOrAnAcceptanceIsNot() {
        assertThat(serverError.test(refused(401))).isFalse();
        assertThat(serverError.test(refused(422))).isFalse();
        assertThat(serverError.test(refused(0))).isFalse();
        assertThat(serverError.test(new DclOutcome.Accepted(new ProvisionResult("provisioned", "c", 1, "http://x", null), 1)))
                .isFalse();
        assertThat(serverError.test("HTTP 500")).isFalse();
    }

    private static DclOutcome.Refused refused(int status) {
        return new DclOutcome.Refused(status, new DclProblem(null, null, null), "DCL answered HTTP " + status, 1);
    }
}
