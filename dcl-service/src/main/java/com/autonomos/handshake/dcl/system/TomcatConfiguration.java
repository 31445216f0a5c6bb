package com.autonomos.handshake.dcl.system;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat, hardened: a response that says {@code Connection: close} ends the exchange without reading the rest of the
 * request body ({@link CloseWithoutDrainingValve}), and the errors Tomcat answers itself, before any servlet runs
 * (encoded slashes, {@code %00}, oversized request lines), are problem+json too ({@link ProblemJsonErrorReportValve}).
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> hardenedTomcat() {
        return factory -> {
            factory.addContextValves(new CloseWithoutDrainingValve());
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    // the host instantiates its error report valve by class name when it starts
                    host.setErrorReportValveClass(ProblemJsonErrorReportValve.class.getName());
                }
            });
        };
    }
}
