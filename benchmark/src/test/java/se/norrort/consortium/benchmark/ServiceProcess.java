package se.norrort.consortium.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service started from its executable jar as a process of its own, the way the local launcher
 * ({@code deploy/LocalStack}) starts it (same JVM flags, unless {@code -Dbench.<service>.jvmFlags} names others), on a
 * free port of 127.0.0.1.
 */
final class ServiceProcess implements AutoCloseable {

    /** The JVM flags the local launcher starts each service with. */
    static final String LAUNCHER_FLAGS = "-Xss512k";

    final String name;
    final int port;
    /** Actuator (health, {@code /actuator/storeoperations}) answers on a port of its own, never on the API port. */
    final int managementPort;

    final Process process;

    private ServiceProcess(String name, int port, int managementPort, Process process) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
    }

    static ServiceProcess start(Path root, String name, String portVariable, Map<String, String> env, Path logDir)
            throws IOException {
        Path jar = root.resolve(name).resolve("target").resolve(name + "-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing (the reactor packages it before the benchmark runs)");
        }
        int port = freePort();
        int managementPort = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the launcher's flags (deploy/LocalStack) unless -Dbench.<service>.jvmFlags says otherwise
        String flags = System.getProperty("bench." + name + ".jvmFlags", LAUNCHER_FLAGS);
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(flags.trim().split("\\s+")));
        String extra = System.getProperty("bench.serviceJvmArgs", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve(name + ".log").toFile());
        builder.environment().putAll(env);
        builder.environment().put(portVariable, Integer.toString(port));
        builder.environment().put("NORRORT_MANAGEMENT_PORT", Integer.toString(managementPort));
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        return new ServiceProcess(name, port, managementPort, builder.start());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    void awaitHealthy(Duration timeout) throws InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see its log");
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout);
    }

    /**
     * Makes the service's JVM run a full collection ({@code jcmd PID GC.run}, the JDK's own tool beside this JVM's
     * {@code java}), so that its heap in use afterwards is what stays; false when that did not work.
     */
    boolean collectGarbage() throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return false;
        }
        try {
            Process run = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!run.waitFor(60, TimeUnit.SECONDS)) {
                run.destroyForcibly();
                return false;
            }
            return run.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Resident set size in bytes, from /proc (Linux), or -1. */
    long rssBytes() {
        return rssOf(process.pid());
    }

    static long rssOf(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException unavailable) {
            // not Linux, or gone
        }
        return -1;
    }

    /** Stops the service (at most 20 s for a graceful stop, then forcibly); stopping a stopped one does nothing. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
