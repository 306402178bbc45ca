package io.accounts.it;

import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.Await;
import io.accounts.it.support.DeployedService;
import io.accounts.it.support.RawHttp;
import io.accounts.it.support.TestSmtp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The account and admin pages in a real browser (Debian's chromium, headless, driven by Selenium through Debian's
 * chromium-driver): a person signs up, signs in, edits the profile, confirms the address from the mail, changes the
 * password, turns on TOTP (the test computes the code), signs in with it, resets a forgotten password from the
 * mail; an admin lists and pages users, changes a role and deletes a user, registers and removes an application. Each page is saved as a screenshot under
 * {@code target/screenshots}; no script error and no Content-Security-Policy violation may reach the console.
 */
class BrowserIT extends DeployedService {

    private static final Path BASEDIR = Path.of(System.getProperty("it.basedir"));
    private final String base = "http://localhost:" + Integer.getInteger("it.http.port");
    private final List<String> consoleErrors = new ArrayList<>();
    private WebDriver browser;
    private WebDriverWait wait;
    private Path profile;

    @BeforeEach
    void startBrowser() throws Exception {
        Process install = new ProcessBuilder("bash", BASEDIR.resolve("scripts/ensure-chromium.sh").toString())
                .redirectErrorStream(true).redirectOutput(BASEDIR.resolve("target/ensure-chromium.log").toFile()).start();
        assertTrue(install.waitFor(900, TimeUnit.SECONDS) && install.exitValue() == 0, "chromium is installed");
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--window-size=1024,1400", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private WebElement visible(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private void fill(String form, Map<String, String> fields) {
        fields.forEach((name, value) -> {
            WebElement input = visible("#" + form + " [name=" + name + "]");
            input.clear();
            input.sendKeys(value);
        });
        browser.findElement(By.cssSelector("#" + form + " button[type=submit]")).click();
    }

    private void click(String css) {
        visible(css).click();
    }

    /** Waits for the page's status line to hold {@code text}; the error line must stay empty. */
    private void awaitStatus(String text) {
        try {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), text));
        } catch (RuntimeException e) {
            throw new AssertionError("status never said \"" + text + "\"; error: "
                    + browser.findElement(By.id("error")).getText(), e);
        }
        assertEquals("", browser.findElement(By.id("error")).getText());
    }

    private void screenshot(String name) throws Exception {
        Path dir = Files.createDirectories(BASEDIR.resolve("target/screenshots/" + (onPayara() ? "payara" : "liberty")));
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        collectConsole();
    }

    /** Console errors other than the network's own lines for answers the test provoked on purpose. */
    private void collectConsole() {
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            boolean expectedNetwork = entry.getMessage().contains("Failed to load resource")
                    && (entry.getMessage().contains("/user/login") && entry.getMessage().contains("401"));
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !expectedNetwork) {
                consoleErrors.add(entry.getMessage());
            }
        }
    }

    private String mailLink(String to, String path) {
        String token = TestSmtp.token(to, path).orElseThrow(() -> new AssertionError("no mail with " + path));
        return base + path + "?token=" + token;
    }

    @Test
    void aPersonLivesWithTheirAccountInABrowser() throws Exception {
        String email = Accounts.uniqueEmail("browser");
        browser.get(base + "/account/");
        click("[data-show=signup]");
        fill("signup-form", Map.of("first_name", "Grace", "last_name", "Hopper", "email", email,
                "password", Accounts.PASSWORD));
        awaitStatus("Your account is ready");
        screenshot("account-signed-up");
        fill("signin-form", Map.of("email", email, "password", Accounts.PASSWORD));
        awaitStatus("You are signed in");
        assertEquals(email, visible("#p-email").getText());
        screenshot("account-profile");
        fill("profile-form", Map.of("last_name", "Brewster Hopper"));
        awaitStatus("Your profile is saved");

        // the mail's own link: it names the address, and opening it (scripts and all, as a mail scanner would)
        // confirms nothing until the button is pressed
        browser.get(TestSmtp.link(email, "/account/verify").orElseThrow());
        assertEquals("Confirm that " + email + " is your address.", visible("#verify-address").getText());
        String token = accounts.login(email, Accounts.PASSWORD).getString("token");
        String subject = com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getSubject();
        assertFalse(api.get("/user/" + subject, "Bearer " + token).data().getBoolean("email_verified"),
                "opening the link confirmed nothing");
        screenshot("account-verify");
        click("#verify-confirm");
        awaitStatus("Your address is confirmed");
        screenshot("account-verified");

        browser.get(base + "/account/");
        fill("signin-form", Map.of("email", email, "password", Accounts.PASSWORD));
        awaitStatus("You are signed in");
        assertEquals("yes", visible("#p-verified").getText());
        // the session this test signed in through the API above is listed beside the browser's own; ending it
        // signs it out at once (its access token too, not only its refresh token)
        String sid = (String) com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getClaim("sid");
        WebElement end = visible("#sessions-rows button[data-session='" + sid + "']");
        assertTrue(browser.findElements(By.cssSelector("#sessions-rows tr")).size() >= 2);
        screenshot("account-sessions");
        end.click();
        awaitStatus("The session has ended");
        assertTrue(browser.findElements(By.cssSelector("#sessions-rows button[data-session='" + sid + "']"))
                .isEmpty(), "the list no longer shows it");
        assertEquals(401, api.get("/user/" + subject, "Bearer " + token).status());
        String changed = "a browser-chosen passphrase";
        fill("password-form", Map.of("current_password", Accounts.PASSWORD, "new_password", changed));
        awaitStatus("every session has ended");
        fill("signin-form", Map.of("email", email, "password", changed));
        awaitStatus("You are signed in");

        click("#totp-start");
        String secret = visible("#totp-secret").getText();
        assertTrue(visible("#totp-qr").getAttribute("src").startsWith("data:image/"), "the QR code is drawn");
        screenshot("account-totp-enrolment");
        fill("totp-confirm-form", Map.of("code", TotpIT.code(secret, 0)));
        awaitStatus("The second factor is on");
        List<String> codes = browser.findElements(By.cssSelector("#totp-code-list li")).stream()
                .map(WebElement::getText).toList();
        assertEquals(10, codes.size(), "the recovery codes, shown once");
        screenshot("account-recovery-codes");

        click("#signout");
        awaitStatus("You are signed out");
        fill("signin-form", Map.of("email", email, "password", changed));
        visible("#otp-label");
        fill("signin-form", Map.of("otp", TotpIT.code(secret, 1)));
        awaitStatus("You are signed in");
        assertEquals("on", visible("#p-totp").getText());
        click("#signout");
        awaitStatus("You are signed out");

        click("[data-show=forgot]");
        fill("forgot-form", Map.of("email", email));
        awaitStatus("a reset link is on its way");
        browser.get(mailLink(email, "/account/reset"));
        String reset = "a passphrase chosen after forgetting";
        fill("reset-form", Map.of("new_password", reset));
        awaitStatus("Your password is set");
        screenshot("account-password-reset");
        fill("signin-form", Map.of("email", email, "password", reset, "otp", codes.get(0)));
        awaitStatus("You are signed in");
        screenshot("account-signed-in-with-recovery-code");
        assertConsoleClean();
    }

    /**
     * Passkeys on the account page, with Chromium's own WebAuthn stack and a DevTools virtual authenticator (CTAP2,
     * internal transport, resident keys, user verification): add one, sign out, sign in with it (the autofill, which
     * the virtual authenticator answers at once, then the button), remove it.
     */
    @Test
    void aPersonAddsAPasskeySignsInWithItAndRemovesIt() throws Exception {
        Accounts.Account person = accounts.create("browser-passkey");
        VirtualAuthenticator authenticator = ((HasVirtualAuthenticator) browser).addVirtualAuthenticator(
                new VirtualAuthenticatorOptions().setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL).setHasResidentKey(true)
                        .setHasUserVerification(true).setIsUserVerified(true).setIsUserConsenting(true));
        browser.get(base + "/account/");
        fill("signin-form", Map.of("email", person.email(), "password", Accounts.PASSWORD));
        awaitStatus("You are signed in");
        fill("passkey-form", Map.of("name", "This browser"));
        awaitStatus("The passkey is added");
        assertEquals(1, authenticator.getCredentials().size(), "the authenticator holds the new passkey");
        assertTrue(authenticator.getCredentials().get(0).isResidentCredential(), "a discoverable credential");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("passkey-rows"), "This browser"));
        screenshot("account-passkeys");

        click("#signout");
        awaitStatus("You are signed in with your passkey");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("p-email"), person.email()));
        screenshot("account-passkey-autofill");

        // the button: with the credential taken out, the autofill started at sign-out finds nothing to offer;
        // put back, the button's own request (which first stops the autofill) uses it
        Credential kept = authenticator.getCredentials().get(0);
        authenticator.removeAllCredentials();
        click("#signout");
        awaitStatus("You are signed out");
        authenticator.addCredential(kept);
        visible("#passkey-signin");
        screenshot("account-signin-passkey");
        click("#passkey-signin");
        awaitStatus("You are signed in with your passkey");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("p-email"), person.email()));
        assertFalse(browser.findElement(By.cssSelector("#passkey-rows td:nth-child(3)")).getText().equals("never"),
                "the sign-in is the passkey's last use");

        click("#passkey-rows button");
        awaitStatus("The passkey is removed");
        assertTrue(browser.findElements(By.cssSelector("#passkey-rows tr")).isEmpty());
        assertTrue(api.get("/user/" + person.id() + "/passkeys", person.bearer()).json().getJsonArray("data")
                .isEmpty(), "gone on the server too");
        assertConsoleClean();
    }

    /**
     * The test client application beside the service (src/test/java/io/accounts/it/client, Jakarta Security's
     * {@code @OpenIdAuthenticationMechanismDefinition} as the server implements it): its protected page sends the
     * browser to our sign-in page, and back with the person's name from the ID token; its logout goes through our
     * end-session endpoint, which ends the session, and back to the application.
     */
    @Test
    void aJakartaSecurityApplicationSignsAPersonInAndOutThroughTheService() throws Exception {
        String app = base + "/oidc-client";
        Api.Reply registered = api.post("/clients", accounts.admin().bearer(), Json.createObjectBuilder()
                .add("client_name", "Jakarta Security client").add("type", "confidential")
                .add("redirect_uris", Json.createArrayBuilder().add(app + "/callback"))
                .add("post_logout_redirect_uris", Json.createArrayBuilder().add(app + "/signed-out"))
                .add("require_pkce", false).build().toString());
        assertEquals(201, registered.status(), registered::toString);
        Api.Reply setup = api.form("/oidc-client/setup", null, "provider=" + enc(base) + "&issuer="
                + enc(System.getProperty("it.issuer")) + "&client_id=" + enc(registered.data().getString("client_id"))
                + "&client_secret=" + enc(registered.data().getString("client_secret")));
        assertEquals(204, setup.status(), setup::toString);
        Accounts.Account person = accounts.create("oidc-browser");

        browser.get(app + "/protected");
        wait.until(ExpectedConditions.urlContains("/account/sign-in?"));
        screenshot("oidc-sign-in");
        fill("signin-form", Map.of("email", person.email(), "password", Accounts.PASSWORD));
        wait.until(ExpectedConditions.urlToBe(app + "/protected"));
        assertEquals("Hello, Ada Lovelace", visible("#greeting").getText(), "the name from the ID token");
        assertEquals(person.id(), browser.findElement(By.id("subject")).getText());
        screenshot("oidc-signed-in");
        Await.value("an oidc LOGIN event", Duration.ofSeconds(10), Duration.ofMillis(100), () -> Optional.of(api
                .get("/events?type=LOGIN&user=" + person.id(), accounts.admin().bearer()).json().getJsonArray("data"))
                .filter(events -> events.toString().contains("\"oidc\"")));

        long endSessions = endSessionAnswers();
        click("#logout");
        wait.until(ExpectedConditions.urlToBe(app + "/signed-out"));
        Await.value("the way out through /oauth2/logout", Duration.ofSeconds(10), Duration.ofMillis(100),
                () -> endSessionAnswers() > endSessions ? Optional.of(true) : Optional.empty());
        assertEquals("Signed out", visible("#signed-out").getText());
        if (onPayara()) {
            // Soteria sends id_token_hint: the session it names ends. Open Liberty's client sends only client_id and
            // post_logout_redirect_uri (its LogoutHandler), which name no session; OidcIT covers the hint itself.
            Await.value("an oidc LOGOUT event", Duration.ofSeconds(10), Duration.ofMillis(100), () -> Optional.of(api
                    .get("/events?type=LOGOUT&user=" + person.id(), accounts.admin().bearer()).json()
                    .getJsonArray("data")).filter(events -> events.toString().contains("\"oidc\"")));
        }
        browser.get(app + "/protected");
        wait.until(ExpectedConditions.urlContains("/account/sign-in?"));
        screenshot("oidc-signed-out");
    }

    /** The end-session endpoint's redirects in the service's access log (the server's logs directory). */
    private static long endSessionAnswers() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of(System.getProperty("it.server.dir"), "logs"))) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
                    return lines.filter(l -> l.contains("\"path\":\"/oauth2/logout\"")
                            && l.contains("\"status\":303")).count();
                } catch (IOException | UncheckedIOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void anAdminManagesUsersInABrowser() throws Exception {
        for (int i = 0; i < 11; i++) {
            accounts.create("browser-listed");
        }
        Accounts.Account doomed = accounts.create("browser-doomed");
        browser.get(base + "/admin/");
        fill("signin-form", Map.of("email", System.getProperty("it.admin.email"),
                "password", System.getProperty("it.admin.password")));
        awaitStatus("You are signed in");
        assertEquals(10, browser.findElements(By.cssSelector("#users-rows tr")).size(), "one page of ten");
        String firstOnPageOne = visible("#users-rows tr td").getText();
        screenshot("admin-users");
        click("#users-next");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("users-page"), "Page 2"));
        assertFalse(visible("#users-rows tr td").getText().equals(firstOnPageOne), "the next page holds others");
        screenshot("admin-users-page-2");

        fill("open-form", Map.of("id", doomed.id()));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("u-email"), doomed.email()));
        click("#roles-form [name=admin]");
        browser.findElement(By.cssSelector("#roles-form button[type=submit]")).click();
        awaitStatus("are saved");
        JsonObject promoted = api.get("/user/" + doomed.id(), accounts.admin().bearer()).data();
        assertTrue(promoted.getJsonArray("roles").toString().contains("admin"), promoted::toString);
        screenshot("admin-user");
        click("#u-delete");
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        awaitStatus("is deleted");
        assertEquals(404, api.get("/user/" + doomed.id(), accounts.admin().bearer()).status());

        click("[data-show=clients]");
        fill("client-form", Map.of("client_name", "Browser test app", "redirect_uris", "https://app.example.com/cb"));
        awaitStatus("is registered");
        String clientId = visible("#c-id").getText();
        assertTrue(visible("#c-secret").getText().length() >= 43, "the secret, shown this once");
        screenshot("admin-clients");
        click("#clients-rows button[data-client='" + clientId + "']");
        awaitStatus("is removed");
        assertTrue(browser.findElements(By.cssSelector("#clients-rows button[data-client='" + clientId + "']")).isEmpty());

        click("[data-show=keys]");
        visible("#keys-rows tr");
        screenshot("admin-keys");
        click("[data-show=events]");
        visible("#events-rows tr");
        screenshot("admin-events");
        assertConsoleClean();
    }

    @Test
    void everyPageSendsTheStrictSecurityHeaders() {
        for (String page : List.of("/account/", "/account/reset?token=x", "/account/verify?token=x", "/admin/",
                "/account/app.js", "/shared/api.js")) {
            RawHttp.Reply reply = RawHttp.send(Integer.getInteger("it.http.port"), "GET", page, Map.of(), null);
            assertEquals(200, reply.status(), page);
            String csp = reply.header("Content-Security-Policy");
            assertTrue(csp != null && csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'")
                    && !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), page + ": " + csp);
            assertEquals("nosniff", reply.header("X-Content-Type-Options"), page);
            assertEquals("no-referrer", reply.header("Referrer-Policy"), page);
        }
    }

    private void assertConsoleClean() {
        collectConsole();
        assertTrue(consoleErrors.isEmpty(), "console errors (script errors or CSP violations): " + consoleErrors);
    }
}
