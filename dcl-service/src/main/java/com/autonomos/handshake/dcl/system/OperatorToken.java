package com.autonomos.handshake.dcl.system;

import com.autonomos.handshake.contracts.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * The bearer token ({@code DCL_PROVISION_TOKEN}) that every state-changing call must present: provisioning and the
 * connector lifecycle commands. Reads stay open, as in Kafka Connect. Without a configured token the commands are
 * refused (503) rather than left open.
 */
@Component
public class OperatorToken {

    private final byte[] tokenDigest;

    OperatorToken(DclProperties dcl) {
        this.tokenDigest = dcl.provisioningEnabled() ? sha256(dcl.provisionToken()) : null;
    }

    /**
     * @param authorization the request's {@code Authorization} header, may be null
     * @throws ErrorResponseException 503 when no token is configured, 401 (with {@code WWW-Authenticate}) otherwise
     */
    public void authorize(String authorization) {
        if (tokenDigest == null) {
            throw Problems.exception(ProblemType.PROVISIONING_DISABLED,
                    "provisioning disabled: DCL_PROVISION_TOKEN is not set");
        }
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        if (!bearer) {
            throw unauthorized("a bearer token is required (Authorization: Bearer <DCL_PROVISION_TOKEN>)", "Bearer");
        }
        // Digests have equal length, so the comparison time reveals neither the token nor its length.
        if (!MessageDigest.isEqual(sha256(authorization.substring(7).strip()), tokenDigest)) {
            throw unauthorized("the bearer token is not valid", "Bearer error=\"invalid_token\"");
        }
    }

    private static ErrorResponseException unauthorized(String detail, String challenge) {
        ErrorResponseException e = Problems.exception(ProblemType.UNAUTHORIZED, detail);
        e.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return e;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
