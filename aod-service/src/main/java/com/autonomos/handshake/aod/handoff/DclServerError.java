package com.autonomos.handshake.aod.handoff;

import java.util.function.Predicate;

/**
 * Which answers of DCL another attempt can cure and which count against DCL's health: a {@link DclOutcome.Refused}
 * with a 5xx status. Named in {@code application.yml} as the {@code dcl} retry's {@code result-predicate} and the
 * {@code dcl} breaker's {@code record-result-predicate}; public with a public constructor because resilience4j
 * instantiates it by class name.
 */
public final class DclServerError implements Predicate<Object> {

    @Override
    public boolean test(Object answer) {
        return answer instanceof DclOutcome.Refused refused && refused.status() >= 500;
    }
}
