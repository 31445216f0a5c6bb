package com.autonomos.handshake.farm.system;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Streaming responses run on their own pool and never time out by default. Ordered last so that this wins over Boot's
 * {@code spring.mvc.async.request-timeout} (the servlet container's 30 s default would cut every endless stream).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WebProperties.class, CallLatency.class}) // also in MVC slice tests, which skip the properties scan
@Order(Ordered.LOWEST_PRECEDENCE)
class WebConfiguration implements WebMvcConfigurer, DisposableBean {

    private final WebProperties properties;
    private final ThreadPoolTaskExecutor streamExecutor;

    WebConfiguration(WebProperties properties) {
        this.properties = properties;
        this.streamExecutor = streamExecutor(properties);
    }

    /** Not a bean on purpose: an Executor bean would displace Boot's applicationTaskExecutor. */
    @Override
    public void destroy() {
        streamExecutor.shutdown();
    }

    /** Tomcat's NIO connector writes at most its socket buffer per system call. */
    @Bean
    TomcatConnectorCustomizer socketWriteBuffer() {
        int bytes = (int) Math.min(Integer.MAX_VALUE, properties.socketWriteBuffer().toBytes());
        return connector -> connector.setProperty("socket.appWriteBufSize", Integer.toString(bytes));
    }

    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        long timeout = properties.streamTimeout().toMillis();
        configurer.setDefaultTimeout(timeout > 0 ? timeout : -1); // <= 0: no container timeout
        configurer.setTaskExecutor(streamExecutor);
    }

    private static ThreadPoolTaskExecutor streamExecutor(WebProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("farm-stream-");
        executor.setCorePoolSize(Math.min(4, properties.maxStreams()));
        executor.setMaxPoolSize(properties.maxStreams());
        executor.setQueueCapacity(0); // a stream waits for no one: beyond maxStreams it is refused with 503
        executor.setDaemon(true);
        executor.initialize();
        return executor;
    }
}
