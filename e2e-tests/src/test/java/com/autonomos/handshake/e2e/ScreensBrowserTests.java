package com.autonomos.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.testing.SystemChromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The seed's finale, as a person sees it, in headless Chromium: click "Scan" on AOD's Triage page, click
 * "Auto-Connect via DCL", then watch DCL's dashboard show the provisioning command, rising counters, drift and
 * repairs. And when DCL is down, the Triage page says so honestly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScreensBrowserTests {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dataDir;

    private HandshakeStack stack;
    private WebDriver browser;

    @BeforeAll
    void startTheProductAndABrowser() {
        SystemChromium.assumeAvailable("ScreensBrowserTests");
        stack = HandshakeStack.start(dataDir);
        browser = SystemChromium.start(1280, 1600);
    }

    @AfterAll
    void stopEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void scanThenAutoConnectMakesDclShowTheHandshakeDriftAndRepairs() {
        browser.get(stack.aod.baseUrl() + "/");
        browser.findElement(By.id("scan-button")).click();
        WebElement detection = waitFor(Duration.ofSeconds(15), () -> browser.findElements(By.cssSelector(".detection"))
                .stream().filter(d -> d.getText().toLowerCase().contains("mulesoft")).findFirst().orElse(null));
        assertThat(detection.getText()).contains("/api/stream/synthetic/mulesoft").contains("salesforce_crm");

        detection.findElement(By.cssSelector(".auto-connect")).click();
        String outcome = waitFor(Duration.ofSeconds(20), () -> {
            String text = browser.findElement(By.id("handoff-result")).getText();
            return text.contains("Provisioning Command Sent") ? text : null;
        });
        assertThat(outcome).contains("provisioned");
        screenshot("triage.png");

        browser.get(browser.findElement(By.id("dcl-dashboard-link")).getAttribute("href"));
        waitFor(Duration.ofSeconds(15), () -> logContains("Received Provisioning Command from AOD") ? true : null);
        long firstCount = linesReceived();
        waitFor(Duration.ofSeconds(15), () -> linesReceived() > firstCount ? Boolean.TRUE : null);
        waitFor(Duration.ofSeconds(120), () -> logContains("Drift Detected") && logContains("Repaired") ? true : null);
        assertThat(browser.findElement(By.cssSelector("#connectors tbody")).getText())
                .contains("mule_auto_01").contains("?chaos=true");
        // the conservation mark is the audit (counters against a recount of DCL's files), polled every few seconds
        waitFor(Duration.ofSeconds(15), () -> browser.findElement(By.id("identity")).getAttribute("class")
                .contains("ok") ? true : null);
        assertThat(browser.findElement(By.id("identity")).getText()).contains("audit mule_auto_01").contains("✓");
        // who reads what: embedded mode is one worker, which holds the connector
        String workers = waitFor(Duration.ofSeconds(15), () -> {
            String text = browser.findElement(By.id("workers")).getText();
            return text.contains("mule_auto_01") ? text : null;
        });
        assertThat(workers).startsWith("Embedded mode (one worker)").contains("(this one): mule_auto_01");
        // the counters follow the once-a-second telemetry event, which may trail the log line by a tick
        waitFor(Duration.ofSeconds(10), () -> repairedShownFor("mule_auto_01") > 0 ? true : null);
        screenshot("dashboard.png");
        // the Farm-faithful simulator: a repaired record is unverified, and the table names the fields the Farm
        // disputed (the recent-records table shows the latest 15; a repaired one passes by every few seconds)
        String disputed = waitFor(Duration.ofSeconds(90), () -> browser.findElements(
                By.cssSelector("#records tr.repaired .disputed-field")).stream().map(WebElement::getText)
                .filter(t -> !t.isBlank()).findFirst().orElse(null));
        assertThat(disputed).isIn("vendor.vendor_id", "billing_address", "total_amount", "invoice_date");
    }

    @Test
    @Order(2)
    void withDclStoppedTheTriagePageShowsTheHonestError() {
        stack.dcl.close();

        browser.get(stack.aod.baseUrl() + "/");
        browser.findElement(By.id("scan-button")).click();
        WebElement connect = waitFor(Duration.ofSeconds(15), () -> browser.findElements(By.cssSelector(".auto-connect"))
                .stream().findFirst().orElse(null));
        connect.click();
        String outcome = waitFor(Duration.ofSeconds(60), () -> {
            String text = browser.findElement(By.id("handoff-result")).getText();
            return text.contains("503") ? text : null;
        });
        assertThat(outcome).doesNotContain("Provisioning Command Sent");
        screenshot("triage-dcl-down.png");
    }

    private boolean logContains(String fragment) {
        return browser.findElements(By.cssSelector("#log .log-line")).stream()
                .anyMatch(line -> line.getText().contains(fragment));
    }

    private long repairedShownFor(String connector) {
        String text = browser.findElement(By.cssSelector("#connector-counters tr[data-connector-id='" + connector
                + "'] [data-counter='repaired_success']")).getText();
        return Long.parseLong(text.replace(",", "").trim());
    }

    private long linesReceived() {
        String text = browser.findElement(By.cssSelector("#totals [data-counter='lines_received']")).getText();
        return Long.parseLong(text.replace(",", "").trim());
    }

    private <T> T waitFor(Duration timeout, java.util.function.Supplier<T> probe) {
        // the dashboard re-renders its tables on every telemetry event: an element may go stale between find and read
        return new WebDriverWait(browser, timeout, Duration.ofMillis(200))
                .ignoring(StaleElementReferenceException.class)
                .until(driver -> probe.get());
    }

    private void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
