package com.autonomos.handshake.dcl.egress;

import com.autonomos.handshake.dcl.system.DclProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EgressConfiguration {

    @Bean
    EgressPolicy egressPolicy(DclProperties properties) {
        return new AllowListEgressPolicy(properties.allowedSources(), HostLookup.system());
    }
}
