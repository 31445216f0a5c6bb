package com.autonomos.handshake.dcl.egress;

import java.net.URI;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Where DCL may connect to. DCL takes URLs from the network (a provisioning package) and then opens connections to
 * them, so every outbound call goes through this policy (OWASP SSRF guidance): http/https only, the parsed host on
 * {@code DCL_ALLOWED_SOURCES}, and the resolved address checked again at connect time.
 */
public interface EgressPolicy {

    /**
     * Parses, normalises and checks a URL before it is accepted (scheme, userinfo, host and port on the allow-list,
     * encoded-IP tricks, link-local and metadata addresses).
     *
     * @throws EgressDeniedException with a reason fit for a client when the URL may not be used
     */
    URI check(String url);

    /**
     * A Reactor Netty client for calls to allowed hosts: it re-checks every resolved address when it connects (against
     * DNS rebinding) and never follows redirects. Callers add their own timeouts.
     */
    HttpClient httpClient();

    /** The same client on the caller's own connection pool, for callers that size their pool to their load. */
    HttpClient httpClient(ConnectionProvider pool);
}
