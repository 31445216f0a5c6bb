package com.autonomos.handshake.dcl.sink;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** The records resource of a {@code @WebMvcTest}: its controller and the recent-records buffer it reads. */
@TestConfiguration(proxyBeanMethods = false)
@Import({RecordsController.class, RecentRecords.class})
@EnableConfigurationProperties(SinkProperties.class)
public class RecordsApiSlice {
}
