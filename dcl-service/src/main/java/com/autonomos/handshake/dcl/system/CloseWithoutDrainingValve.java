package com.autonomos.handshake.dcl.system;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpHeaders;

/**
 * When the answer carries {@code Connection: close} (a command refused before its body was read: 401, 413, 503, 408),
 * Tomcat must not read and discard the rest of the body to keep the connection alive: an unauthenticated client
 * trickling a large body would hold a worker thread for as long as it likes. Disabling the swallow closes the
 * connection cleanly once the answer is sent.
 */
final class CloseWithoutDrainingValve extends ValveBase {

    CloseWithoutDrainingValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (response.getStatus() >= 400 && hasBody
                && "close".equalsIgnoreCase(response.getHeader(HttpHeaders.CONNECTION))) {
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            response.setErrorReported(); // the problem is answered already: no error page on top of it
        }
    }
}
