package com.autonomos.handshake.aod.triage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.testing.SystemChromium;
import com.autonomos.handshake.testing.WireMockPeer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Triage page in headless Chromium (the system browser and driver; nothing is downloaded), with WireMock as Farm
 * and DCL. Skipped with a printed reason where no Chromium is installed, except under {@code CI=true}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "aod.dcl-provision-token=test-token",
        "resilience4j.retry.instances.dcl.wait-duration=10ms"})
class TriageBrowserTests {

    @RegisterExtension
    static final WireMockExtension peers = WireMockPeer.onAFreePort();
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @DynamicPropertySource
    static void pointAodAtWireMock(DynamicPropertyRegistry registry) {
        registry.add("aod.dcl-url", peers::baseUrl);
        registry.add("aod.farm-api-url", peers::baseUrl);
    }

    @BeforeAll
    static void findTheBrowser() throws IOException {
        SystemChromium.assumeAvailable("TriageBrowserTests");
        Files.createDirectories(SCREENSHOTS);
    }

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry breakers;

    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        breakers.circuitBreaker("dcl").reset();
        peers.stubFor(get("/api/stream/synthetic/mulesoft/sample").willReturn(okJson("""
                {"record_type":"invoice","invoice_id":"INV-000042","vendor":{"vendor_id":"V-1"},
                 "invoice_date":"2025-01-02","total_amount":3.3,"line_items":[]}""")));
        browser = SystemChromium.start(1280, 1000);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void scanThenAutoConnectShowsWhatDclAnswered() throws IOException {
        String route = peers.baseUrl() + "/api/stream/synthetic/mulesoft";
        peers.stubFor(post("/api/ingest/provision").willReturn(okJson("""
                {"status":"provisioned","connector_id":"mule_auto_01","version":5,
                 "target_url":"%s?chaos=true","previous_target_url":null}""".formatted(route))));
        browser.get("http://localhost:" + port + "/");

        browser.findElement(By.id("scan-button")).click();
        WebElement detection = wait.until(ExpectedConditions.visibilityOfElementLocated(By.className("detection")));
        assertThat(detection.getText()).contains("mulesoft", route, "salesforce_crm", "98%", "reachable");

        WebElement autoConnect = detection.findElement(By.className("auto-connect"));
        assertThat(autoConnect.getText()).isEqualTo("Auto-Connect via DCL");
        autoConnect.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("handoff-result"),
                "Provisioning Command Sent"));

        String result = browser.findElement(By.id("handoff-result")).getText();
        assertThat(result).contains("provisioned", "mule_auto_01", "5", route + "?chaos=true");
        assertThat(browser.findElement(By.id("dcl-dashboard-link")).getAttribute("href"))
                .isEqualTo(peers.baseUrl() + "/");
        screenshot("aod-triage-sent.png");
    }

    @Test
    void aDclThatCannotBeReachedIsShownAsTheHonestError() throws IOException {
        peers.stubFor(post("/api/ingest/provision").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        browser.get("http://localhost:" + port + "/");

        browser.findElement(By.id("scan-button")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.className("auto-connect"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("handoff-result"), "503"));

        String result = browser.findElement(By.id("handoff-result")).getText();
        assertThat(result).contains("503 DCL unreachable", "failed after 3 attempts")
                .doesNotContain("Provisioning Command Sent");
        assertThat(browser.findElement(By.id("dcl-dashboard-link")).isDisplayed()).isTrue();
        screenshot("aod-triage-dcl-unreachable.png");
    }

    private void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }
}
