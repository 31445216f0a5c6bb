package com.autonomos.handshake.dcl.system;

import com.autonomos.handshake.contracts.problem.ProblemType;
import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's own error answers (those it gives before Spring MVC sees the request, e.g. a path with an encoded slash
 * or {@code %00}, or a request line beyond the header limit) as {@code application/problem+json} instead of its HTML
 * page. The detail is fixed per status: nothing of the request is echoed. Public with a no-argument constructor
 * because the host instantiates it by class name.
 */
public class ProblemJsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ProblemType type = ProblemType.forStatus(status);
        ProblemDetail problem = Problems.of(type, status == 400
                ? "the request is malformed (e.g. an invalid character or an encoded slash in the path, or a request"
                        + " line or headers beyond the size limit)"
                : "the request could not be processed (HTTP " + status + ")");
        String json = "{\"type\":\"" + type.uri() + "\",\"title\":\"" + problem.getTitle() + "\",\"status\":" + status
                + ",\"detail\":\"" + problem.getDetail() + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing more to say
        }
    }
}
