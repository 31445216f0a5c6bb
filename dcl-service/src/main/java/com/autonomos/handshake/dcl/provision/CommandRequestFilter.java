package com.autonomos.handshake.dcl.provision;

import com.autonomos.handshake.contracts.problem.ProblemType;
import com.autonomos.handshake.dcl.system.OperatorToken;
import com.autonomos.handshake.dcl.system.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a command (any {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE} under {@code /api/}, or any
 * request with a body) before a byte of its body is read: no or a wrong token (401, 503 when provisioning is disabled) or a declared
 * {@code Content-Length} beyond {@code dcl.provision.max-body-size} (413). The answer is problem+json with
 * {@code Connection: close}, so Tomcat closes the connection instead of reading and discarding the body: a slow
 * unauthenticated body costs a worker thread microseconds, not as long as the client cares to trickle.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class CommandRequestFilter extends OncePerRequestFilter {

    private static final Set<String> COMMANDS = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final OperatorToken operatorToken;
    private final JsonMapper mapper;
    private final long maxBodyBytes;

    CommandRequestFilter(OperatorToken operatorToken, JsonMapper mapper, ProvisionProperties properties) {
        this.operatorToken = operatorToken;
        this.mapper = mapper;
        this.maxBodyBytes = properties.maxBodySize().toBytes();
    }

    /**
     * Commands, and any request that carries a body: only commands take one, so a body anywhere else (say a slow
     * {@code POST /actuator/health}) is held to the same rule instead of being answered 405 and then drained.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        boolean command = COMMANDS.contains(request.getMethod()) && request.getRequestURI().startsWith("/api/");
        boolean body = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        return !command && !body;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            operatorToken.authorize(request.getHeader(HttpHeaders.AUTHORIZATION));
        } catch (ErrorResponseException e) {
            refuse(response, e.getStatusCode(), e.getBody(), e.getHeaders());
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            refuse(response, Problems.status(ProblemType.PAYLOAD_TOO_LARGE), Problems.of(ProblemType.PAYLOAD_TOO_LARGE,
                    "request body is " + request.getContentLengthLong() + " bytes; the limit is " + maxBodyBytes
                            + " bytes (dcl.provision.max-body-size)"), HttpHeaders.EMPTY);
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletResponse response, HttpStatusCode status, ProblemDetail problem,
                        HttpHeaders headers) throws IOException {
        response.setStatus(status.value());
        headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setHeader(HttpHeaders.CONNECTION, "close");
        response.setContentType("application/problem+json");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        response.getOutputStream().write(mapper.writeValueAsBytes(body));
        response.flushBuffer();
    }
}
