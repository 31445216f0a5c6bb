package com.autonomos.handshake.dcl.system;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Cluster mode is on when {@code dcl.cluster.redis-url} ({@code DCL_REDIS_URL}) is set and not blank. A plain
 * {@code @ConditionalOnProperty} would also match the empty value application.yml binds when the variable is unset.
 */
class ClusterModeCondition extends SpringBootCondition {

    public static final String PROPERTY = "dcl.cluster.redis-url";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String url = context.getEnvironment().getProperty(PROPERTY, "");
        return url.isBlank() ? ConditionOutcome.noMatch(PROPERTY + " is blank: embedded mode")
                : ConditionOutcome.match(PROPERTY + " is set: cluster mode");
    }

    /** The inverse: embedded mode. */
    public static class Embedded extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            ConditionOutcome cluster = new ClusterModeCondition().getMatchOutcome(context, metadata);
            return new ConditionOutcome(!cluster.isMatch(), cluster.getConditionMessage());
        }
    }
}
