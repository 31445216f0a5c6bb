package com.autonomos.handshake.dcl.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/** Only in embedded mode ({@code DCL_REDIS_URL} unset): one process, files in the data directory. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ClusterModeCondition.Embedded.class)
public @interface ConditionalOnEmbeddedMode {
}
