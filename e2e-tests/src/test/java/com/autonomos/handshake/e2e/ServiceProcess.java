package com.autonomos.handshake.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One service's executable jar, run as a real child process on a free port, as {@code java -jar} would run it with
 * Spring AOT on. Its standard output is kept (in memory and in {@code target/e2e/<name>.log}) so tests can assert
 * log lines.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final String name;
    private final int port;
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Thread pump;

    private ServiceProcess(String name, int port, Process process, Path logFile) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.pump = new Thread(() -> pump(logFile), "e2e-" + name + "-stdout");
        this.pump.setDaemon(true);
        this.pump.start();
    }

    /** Starts {@code <module>/target/<module>-<version>.jar} with the given environment on a free port. */
    static ServiceProcess start(String module, Map<String, String> env) {
        return start(module, freePort(), env);
    }

    static ServiceProcess start(String module, int port, Map<String, String> env) {
        Path jar = Path.of(System.getProperty("e2e.jars.dir", ".."), module, "target",
                module + "-" + System.getProperty("e2e.version") + ".jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Executable jar not built: " + jar + " (run mvn package first)");
        }
        Path workDir = Path.of(System.getProperty("e2e.work.dir", "target/e2e"));
        try {
            Files.createDirectories(workDir);
            String java = ProcessHandle.current().info().command().orElse("java");
            // Spring AOT as demo.sh and the image start the services: one build's bean definitions must serve every
            // configuration the tests start (embedded and cluster DCL among them)
            List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                    "-Dspring.aot.enabled=true", "-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("SERVER_PORT", String.valueOf(port));
            builder.environment().putAll(env);
            return new ServiceProcess(module, port, builder.start(), workDir.resolve(module + "-" + port + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + module, e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    int port() {
        return port;
    }

    /** The operating system's id of the service's JVM (for {@code jcmd}). */
    long pid() {
        return process.pid();
    }

    /** Waits until the service reports ready on its readiness probe. */
    ServiceProcess awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail(40));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException(name + " not ready within " + READY_TIMEOUT + ":\n" + tail(40));
    }

    /** SIGKILL: the process dies at once, nothing runs on its way out. */
    void kill() {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM and wait until it exited (graceful shutdown). */
    void terminate() {
        close();
    }

    /** Sends a POSIX signal by name (e.g. STOP, CONT) with the system's {@code kill}. */
    void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " failed for " + name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Every line the service printed so far. */
    List<String> output() {
        return List.copyOf(output);
    }

    boolean printed(String fragment) {
        return output.stream().anyMatch(line -> line.contains(fragment));
    }

    String tail(int lines) {
        List<String> all = output();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Stops the service as an orchestrator would: SIGTERM, then a bounded wait, then SIGKILL. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            pump.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pump(Path logFile) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
                log.write(line);
                log.write('\n');
                log.flush();
            }
        } catch (IOException e) {
            // the process is gone; what it printed is kept
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
