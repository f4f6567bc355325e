package org.moltx.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.moltx.TestServer;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real browser: Debian's chromium, headless, driven by Selenium through chromium-driver. Types in the
 * search box and picks a suggestion with the keyboard, reads the code page, runs the order check, saves the README's
 * screenshots at 1440 and 360 px, and runs axe-core on each page (no serious or critical violation). Fails, not
 * skips, without chromium: CI installs it (.ci/run).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PagesBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("docs/screenshots");
  private static final String CPT = "http://www.ama-assn.org/go/cpt";
  private static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";
  private static WebDriver browser;
  private static String base;
  private static final List<Long> latencies = new ArrayList<>();
  /**
   * Selenium looks for DevTools bindings of this chromium's version, which the tests do not use: no warning. Held
   * here because java.util.logging keeps its loggers only weakly.
   */
  private static final List<java.util.logging.Logger> QUIET = List.of(
      java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"),
      java.util.logging.Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));

  @BeforeAll
  static void startBrowser() {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER))
        .as("the browser tests need Debian's chromium and chromium-driver (%s, %s): "
            + "sudo apt-get install -y chromium chromium-driver (.ci/run installs them)", CHROMIUM, DRIVER)
        .isTrue();
    base = TestServer.baseUrl();
    for (java.util.logging.Logger quiet : QUIET) {
      quiet.setLevel(java.util.logging.Level.OFF);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1440,900", "--lang=en-US", "--hide-scrollbars");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
    if (!latencies.isEmpty()) {
      List<Long> sorted = latencies.stream().sorted().toList();
      System.out.printf("suggestions: key to list on screen, %d samples: median %d ms, max %d ms (in order: %s)%n",
          sorted.size(), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), latencies);
    }
  }

  private static WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(10));
  }

  private static void open(String path) {
    browser.get(base + path);
  }

  /** Types the text after clearing the box, and waits for suggestions whose first code is {@code firstCode}. */
  private static List<WebElement> typeAndWait(String text, String firstCode) {
    WebElement q = browser.findElement(By.id("q"));
    q.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    q.sendKeys(text);
    waiting().until(d -> {
      List<WebElement> options = d.findElements(By.cssSelector("#suggestions li .code"));
      return !options.isEmpty() && options.get(0).getText().equals(firstCode)
          && text.equals(d.findElement(By.id("q")).getAttribute("value"));
    });
    String latency = browser.findElement(By.id("suggestions")).getAttribute("data-latency-ms");
    latencies.add(Long.parseLong(latency));
    return browser.findElements(By.cssSelector("#suggestions li"));
  }

  @Test
  @Order(1)
  void typingSuggestsCodesAndTheKeyboardPicksOne() throws IOException {
    browser.manage().window().setSize(new Dimension(1440, 900));
    open("/");
    // the search box takes the focus as the page loads (autofocus), which may come a moment after load returns
    waiting().until(d -> "q".equals(d.switchTo().activeElement().getAttribute("id")));
    List<WebElement> e116 = typeAndWait("E11.6", "E11.6");
    assertThat(e116.get(0).getText()).contains("E11.6", "Type 2 diabetes mellitus with other specified "
        + "complications", "ICD-10-CM", "header");
    List<WebElement> aml = typeAndWait("acute myeloblastic", "C92.0");
    assertThat(aml.stream().limit(4).map(li -> li.findElement(By.className("code")).getText()).toList())
        .containsExactly("C92.0", "C92.02", "C92.01", "C92.00");
    screenshot("home-suggestions-1440.png");
    WebElement q = browser.findElement(By.id("q"));
    q.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_DOWN);
    assertThat(q.getAttribute("aria-activedescendant")).isEqualTo("suggestion-2");
    q.sendKeys(Keys.ENTER);
    waiting().until(ExpectedConditions.urlContains("code=C92.01"));
    assertThat(browser.findElement(By.cssSelector("h1")).getText())
        .isEqualTo("C92.01 Acute myeloblastic leukemia, in remission");
    assertThat(texts("nav.breadcrumb li")).containsExactly("C92", "C92.0", "C92.01");
    assertThat(texts("#tests li .code")).containsExactly("81455", "81311", "C92.0");
  }

  @Test
  @Order(2)
  void escapeClosesTheSuggestionsAndMoreTypingMeasuresTheirSpeed() {
    open("/");
    for (String text : List.of("fever", "C92", "8145", "diabetes", "J45.909", "leukemia remission")) {
      typeAndWait(text, firstCode(text));
    }
    browser.findElement(By.id("q")).sendKeys(Keys.ESCAPE);
    waiting().until(d -> !d.findElement(By.id("suggestions")).isDisplayed());
    assertThat(browser.findElement(By.id("q")).getAttribute("aria-expanded")).isEqualTo("false");
  }

  private static String firstCode(String text) {
    return switch (text) {
      case "fever" -> "R50.9";
      case "C92" -> "C92";
      case "8145" -> "81455";
      case "diabetes" -> "E23.2";
      case "J45.909" -> "J45.909";
      default -> "C95.91";
    };
  }

  @Test
  @Order(3)
  void theCodePagesShowIndicationsHierarchyAndThe2027Change() throws IOException {
    open("/code?system=" + PagesHttpTest.enc(CPT) + "&code=81455");
    assertThat(texts("#indications tbody a.code")).hasSize(11).startsWith("C92.01", "C92.41");
    screenshot("code-81455-1440.png");
    open("/code?system=" + PagesHttpTest.enc(ICD) + "&code=Z29.14");
    assertThat(browser.findElement(By.cssSelector("#release-change p.change")).getText())
        .isEqualTo("Title changed in 2027.");
    assertThat(texts("#release-change dd")).containsExactly("Encounter for prophylactic rabies immune globin",
        "Encounter for prophylactic rabies immune globulin");
  }

  @Test
  @Order(4)
  void theOrderCheckSaysWhetherADiagnosisSupportsTheTest() throws IOException {
    open("/check");
    browser.findElement(By.id("check-code")).sendKeys("81455");
    browser.findElement(By.id("check-diagnosis-1")).sendKeys("C92.01", Keys.ENTER);
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("answer")));
    assertThat(browser.findElement(By.cssSelector("#answer h2")).getText()).isEqualTo("Supported");
    WebElement diagnosis = browser.findElement(By.id("check-diagnosis-1"));
    diagnosis.clear();
    diagnosis.sendKeys("J45.909", Keys.ENTER);
    waiting().until(ExpectedConditions.urlContains("J45.909"));
    assertThat(browser.findElement(By.cssSelector("#answer h2")).getText()).isEqualTo("Not supported");
    assertThat(texts("#answer .accepted a.code")).hasSize(11);
    screenshot("check-not-supported-1440.png");
  }

  @Test
  @Order(5)
  void thePagesAtPhoneWidth() throws IOException {
    browser.manage().window().setSize(new Dimension(360, 800));
    open("/");
    typeAndWait("acute myeloblastic", "C92.0");
    screenshot("home-suggestions-360.png");
    open("/code?system=" + PagesHttpTest.enc(ICD) + "&code=C92.01");
    screenshot("code-C92.01-360.png");
    assertFitsTheScreen();
    open("/code?system=" + PagesHttpTest.enc(CPT) + "&code=81455");
    assertFitsTheScreen();
    open("/check?code=81455&diagnosis=C92.01");
    screenshot("check-supported-360.png");
    assertFitsTheScreen();
    browser.manage().window().setSize(new Dimension(1440, 900));
  }

  @Test
  @Order(6)
  void axeFindsNoSeriousOrCriticalViolationOnAnyPage() throws IOException {
    String axe;
    try (InputStream in = PagesBrowserTest.class.getResourceAsStream("/axe/axe.min.js")) {
      axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> pages = List.of("/", "/search?q=E11.6", "/code?system=" + PagesHttpTest.enc(CPT) + "&code=81455",
        "/code?system=" + PagesHttpTest.enc(ICD) + "&code=C92.01",
        "/code?system=" + PagesHttpTest.enc(ICD) + "&code=Z29.14", "/check?code=81455&diagnosis=J45.909",
        "/check?code=81455&diagnosis=C92.01", "/valueset/cpt-81311-indications", "/conceptmap/cpt-related-codes",
        "/fhir/CodeSystem/$lookup?system=" + PagesHttpTest.enc(CPT) + "&code=81455",
        "/code?system=" + PagesHttpTest.enc(ICD) + "&code=C92.0Q");
    List<String> serious = new ArrayList<>();
    for (String page : pages) {
      for (int width : new int[] {1440, 360}) {
        browser.manage().window().setSize(new Dimension(width, 900));
        open(page);
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(axe);
        String result = (String) js.executeAsyncScript("var done = arguments[arguments.length - 1];"
            + "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
            + "  done(JSON.stringify(r.violations.map(function (v) {"
            + "    return {id: v.id, impact: v.impact, nodes: v.nodes.length}; })));"
            + "}).catch(function (e) { done('error: ' + e); });");
        assertThat(result).as(page).startsWith("[");
        JsonNode violations = new ObjectMapper().readTree(result);
        List<String> all = new ArrayList<>();
        for (JsonNode v : violations) {
          String line = v.get("id").asText() + " (" + v.get("impact").asText() + ", " + v.get("nodes").asInt()
              + " nodes)";
          all.add(line);
          if (v.get("impact").asText().equals("serious") || v.get("impact").asText().equals("critical")) {
            serious.add(page + " @" + width + ": " + line);
          }
        }
        System.out.printf("axe %s @%dpx: %d violations%s%n", page, width, all.size(),
            all.isEmpty() ? "" : " " + all);
      }
    }
    browser.manage().window().setSize(new Dimension(1440, 900));
    assertThat(serious).as("axe violations of impact serious or critical").isEmpty();
  }

  /** Nothing wider than the screen: no sideways scrolling of the page. */
  private static void assertFitsTheScreen() {
    long width = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth;");
    assertThat(width).as(browser.getCurrentUrl()).isLessThanOrEqualTo(360);
  }

  private static List<String> texts(String css) {
    return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
  }

  private static void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
  }
}
