package com.autonomos.handshake.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's Chromium and chromedriver, found on {@code PATH} (Debian: {@code apt-get install chromium
 * chromium-driver}); never a downloaded browser. Where they are missing a browser test is skipped with a printed
 * reason, except under {@code CI=true}, where it fails.
 */
public final class SystemChromium {

    private static final String[] HEADLESS = {"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage"};

    private SystemChromium() {
    }

    /** Skips the calling test (class) unless Chromium and chromedriver are installed; under {@code CI=true} fails. */
    public static void assumeAvailable(String testName) {
        if (browser().isPresent() && driver().isPresent()) {
            return;
        }
        String reason = testName + " skipped: no Chromium and chromedriver on PATH "
                + "(Debian: apt-get install chromium chromium-driver; .ci/run does)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(reason + ", but CI=true requires the browser test");
        }
        System.out.println(reason);
        Assumptions.abort(reason);
    }

    /**
     * A headless browser with its own driver service (quitting it also stops the service). Call
     * {@link #assumeAvailable(String)} first.
     */
    public static ChromeDriver start(int width, int height) {
        ChromeOptions options = new ChromeOptions()
                .setBinary(browser().orElseThrow().toFile())
                .addArguments(HEADLESS)
                .addArguments("--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver().orElseThrow().toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static Optional<Path> browser() {
        return onPath("chromium", "chromium-browser", "google-chrome");
    }

    private static Optional<Path> driver() {
        return onPath("chromedriver");
    }

    private static Optional<Path> onPath(String... names) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(names)
                .flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
