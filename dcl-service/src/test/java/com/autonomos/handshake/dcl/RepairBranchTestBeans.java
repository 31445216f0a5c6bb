package com.autonomos.handshake.dcl;

import com.autonomos.handshake.dcl.connector.ConnectorConfig;
import com.autonomos.handshake.dcl.connector.ConnectorStore;
import com.autonomos.handshake.dcl.egress.EgressDeniedException;
import com.autonomos.handshake.dcl.egress.EgressPolicy;
import com.autonomos.handshake.dcl.system.DclProperties;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import reactor.netty.http.client.HttpClient;

/**
 * Stand-ins for the beans other branches implement (the egress policy and the file-backed connector store), so that
 * the repair branch's {@code @SpringBootTest}s start. Replaced by the real beans at merge.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RepairBranchTestBeans {

    /** Allows exactly the hosts (or host:port entries) of {@code dcl.allowed-sources}; no redirects. */
    @Bean
    EgressPolicy egressPolicy(DclProperties properties) {
        List<String> allowed = properties.allowedSources().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        return new EgressPolicy() {
            @Override
            public URI check(String url) {
                URI uri;
                try {
                    uri = URI.create(url);
                } catch (IllegalArgumentException e) {
                    throw new EgressDeniedException("not a URL: " + url);
                }
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw new EgressDeniedException("scheme not allowed: " + scheme);
                }
                if (uri.getUserInfo() != null || uri.getHost() == null) {
                    throw new EgressDeniedException("userinfo or missing host not allowed");
                }
                String host = uri.getHost().toLowerCase(Locale.ROOT);
                int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
                if (!allowed.contains(host) && !allowed.contains(host + ":" + port)) {
                    throw new EgressDeniedException("host not on the allow-list: " + host + ":" + port);
                }
                return uri;
            }

            @Override
            public HttpClient httpClient() {
                return HttpClient.create().followRedirect(false);
            }
        };
    }

    @Bean
    ConnectorStore connectorStore() {
        Map<String, ConnectorConfig> configs = new ConcurrentHashMap<>();
        return new ConnectorStore() {
            @Override
            public List<ConnectorConfig> loadAll() {
                return new ArrayList<>(configs.values());
            }

            @Override
            public void save(ConnectorConfig config) {
                configs.put(config.connectorId(), config);
            }

            @Override
            public void delete(String connectorId) {
                configs.remove(connectorId);
            }
        };
    }
}
