package org.migrex.exchange.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The signed-in pages' access rules over real HTTP on a real Tomcat, with the node's own users, password check and
 * login throttle (no Kafka: the pages' services are not configured, so a page that gets past security says so):
 * anonymous requests are sent to sign in (browsers) or get 401 (programs), a user without the page's role gets 403,
 * the replay form needs the OPERATOR role and the CSRF token, and the sign-in page speaks English and Russian.
 */
@SpringBootTest(classes = PortalSignedInSecurityTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "migrex.node.country=KAZ", "migrex.kafka.create-topics=false",
                "management.endpoint.health.group.readiness.include=readinessState",
                "migrex.kafka.bootstrap-servers=localhost:1", "migrex.registry.url=http://localhost:1",
                "spring.cloud.function.definition=", "spring.cloud.stream.function.autodetect=false",
                "migrex.security.users.kaz-agency.password={noop}agency-pw",
                "migrex.security.users.kaz-agency.roles=AGENCY",
                "migrex.security.users.kaz-stat.password={noop}stat-pw",
                "migrex.security.users.kaz-stat.roles=STATISTICIAN",
                "migrex.security.users.kaz-ops.password={noop}ops-pw",
                "migrex.security.users.kaz-ops.roles=OPERATOR",
                "migrex.security.users.kaz-locked.password={noop}locked-pw",
                "migrex.security.users.kaz-locked.roles=AGENCY",
                "migrex.security.login.max-failures=3"})
class PortalSignedInSecurityTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableConfigurationProperties(PortalProperties.class)
    @Import({PortalSecurity.class, PortalController.class, SignedInController.class, MirrorPageController.class,
            QualityPageController.class, RemittancePageController.class, PortalUserAdvice.class})
    static class App {
        @Bean
        PublicReleases publicReleases() {
            return HandRelease.RELEASE;
        }

        @Bean
        PortalBackends portalBackends(PortalProperties properties) {
            return new PortalBackends(properties);
        }

        @Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
        LocaleResolver localeResolver() {
            return new PortalLocales();
        }
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    /** A browser: keeps cookies, follows no redirect (the test reads them). */
    private final class Browser {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** The CSRF token of the page's first form. */
        String token(String path) throws Exception {
            HttpResponse<String> page = get(path);
            Matcher m = CSRF.matcher(page.body());
            assertThat(m.find()).as("a CSRF token in " + path + ": " + page.body()).isTrue();
            return m.group(1);
        }

        HttpResponse<String> signIn(String user, String password) throws Exception {
            return post("/portal/signin", "username=" + enc(user) + "&password=" + enc(password) + "&_csrf="
                    + enc(token("/portal/signin")));
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> program(String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anonymousBrowsersAreSentToSignInAndProgramsGet401WhileThePublicPagesStayOpen() throws Exception {
        Browser browser = new Browser();
        for (String page : new String[] {"/portal/upload", "/portal/quarantine", "/portal/inbox", "/portal/mirror",
                "/portal/quality", "/portal/remittances", "/portal/home"}) {
            HttpResponse<String> answer = browser.get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location").orElseThrow()).as(page).endsWith("/portal/signin");
            HttpResponse<String> api = program(page, null);
            assertThat(api.statusCode()).as(page).isEqualTo(401);
            assertThat(api.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"migrex\"");
        }
        assertThat(browser.get("/portal/public").statusCode()).isEqualTo(200);
        assertThat(browser.get("/portal/public").body()).contains("id=\"sign-in\"").doesNotContain("nav-upload");
        assertThat(browser.get("/portal/signin").statusCode()).isEqualTo(200);
        // a POST by someone not signed in is refused before its body is read, CSRF token or not
        HttpResponse<String> upload = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/portal/upload"))
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x--\r\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).isEqualTo(401);
    }

    @Test
    void aSignedInUserWithoutThePagesRoleGets403AndSeesOnlyTheirPages() throws Exception {
        Browser statistician = new Browser();
        HttpResponse<String> signedIn = statistician.signIn("kaz-stat", "stat-pw");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/portal/home");
        HttpResponse<String> home = statistician.get("/portal/home");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Signed in as kaz-stat").contains("id=\"nav-inbox\"")
                .doesNotContain("id=\"nav-upload\"").doesNotContain("id=\"nav-quarantine\"");
        HttpResponse<String> upload = statistician.get("/portal/upload");
        assertThat(upload.statusCode()).isEqualTo(403);
        assertThat(upload.body()).contains("<h1>Not allowed</h1>").contains("User kaz-stat does not have the role");
        assertThat(statistician.get("/portal/quarantine").statusCode()).isEqualTo(403);
        // the inbox is for statisticians; here its store is absent (no exchange stream), which the page says
        HttpResponse<String> inbox = statistician.get("/portal/inbox");
        assertThat(inbox.statusCode()).isEqualTo(503);
        assertThat(inbox.body()).contains("id=\"inbox-unavailable\"");

        // the mirror page is for statisticians; here the exchange stream's stores are absent, which the page says
        HttpResponse<String> mirror = statistician.get("/portal/mirror");
        assertThat(mirror.statusCode()).isEqualTo(503);
        assertThat(mirror.body()).contains("id=\"mirror-unavailable\"");
        assertThat(program("/portal/mirror", "kaz-agency:agency-pw").statusCode()).isEqualTo(403);
        HttpResponse<String> quality = statistician.get("/portal/quality");
        assertThat(quality.statusCode()).isEqualTo(503);
        assertThat(quality.body()).contains("id=\"quality-unavailable\"");
        assertThat(program("/portal/quality", "kaz-agency:agency-pw").statusCode()).isEqualTo(403);
        HttpResponse<String> remittances = statistician.get("/portal/remittances");
        assertThat(remittances.statusCode()).isEqualTo(503);
        assertThat(remittances.body()).contains("id=\"remittances-unavailable\"").contains("id=\"nav-remittances\"");
        assertThat(program("/portal/remittances", "kaz-agency:agency-pw").statusCode()).isEqualTo(403);

        // HTTP Basic, as a program: the same rules
        assertThat(program("/portal/upload", "kaz-stat:stat-pw").statusCode()).isEqualTo(403);
        assertThat(program("/portal/upload", "kaz-stat:wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> agencyUpload = program("/portal/upload", "kaz-agency:agency-pw");
        assertThat(agencyUpload.statusCode()).isEqualTo(200);
        assertThat(agencyUpload.body()).contains("migrex.portal.ingestion-url is not set");
    }

    @Test
    void onlyAnOperatorWithTheFormsTokenMayReplay() throws Exception {
        Browser agency = new Browser();
        agency.signIn("kaz-agency", "agency-pw");
        HttpResponse<String> quarantine = agency.get("/portal/quarantine");
        assertThat(quarantine.body()).contains("migrex.portal.harmonization-url is not set")
                .doesNotContain("id=\"replay\"");
        String token = CSRF.matcher(quarantine.body()).results().findFirst().orElseThrow().group(1); // sign-out form
        HttpResponse<String> refused = agency.post("/portal/quarantine/replay", "_csrf=" + enc(token));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("User kaz-agency does not have the role");

        Browser operator = new Browser();
        operator.signIn("kaz-ops", "ops-pw");
        HttpResponse<String> page = operator.get("/portal/quarantine");
        assertThat(page.body()).contains("id=\"replay\"");
        HttpResponse<String> noToken = operator.post("/portal/quarantine/replay", "");
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("id=\"denied-expired\"");
        String operatorToken = CSRF.matcher(page.body()).results().findFirst().orElseThrow().group(1);
        HttpResponse<String> replay = operator.post("/portal/quarantine/replay", "_csrf=" + enc(operatorToken));
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(503); // got past security to the unset service
        assertThat(replay.body()).contains("id=\"replay-refused\"").contains("migrex.portal.harmonization-url is not set");
    }

    @Test
    void theSignInPageSpeaksBothLanguagesAndNeverEchoesTheUserTried() throws Exception {
        Browser english = new Browser();
        String en = english.get("/portal/signin").body();
        assertThat(en).contains("lang=\"en\"").contains("<h1>Sign in</h1>").contains("<label for=\"username\">User name</label>")
                .contains("<label for=\"password\">Password</label>");
        Browser russian = new Browser();
        String ru = russian.get("/portal/signin?lang=ru").body();
        assertThat(ru).contains("lang=\"ru\"").contains("<h1>Вход</h1>")
                .contains("<label for=\"username\">Имя пользователя</label>").contains("<label for=\"password\">Пароль</label>");
        HttpResponse<String> failed = english.signIn("kaz-agency", "not-the-password");
        assertThat(failed.headers().firstValue("Location").orElseThrow()).endsWith("/portal/signin?error")
                .doesNotContain("kaz-agency");
        assertThat(english.get("/portal/signin?error").body()).contains("Wrong user name or password.");
        assertThat(russian.get("/portal/signin?error").body()).contains("Неверное имя пользователя или пароль.");
    }

    @Test
    void failedSignInsAreThrottledLikeTheApis() throws Exception {
        Browser browser = new Browser();
        for (int i = 0; i < 3; i++) {
            assertThat(browser.signIn("kaz-locked", "wrong-" + i).headers().firstValue("Location").orElseThrow())
                    .endsWith("?error");
        }
        // max-failures 3: now refused without a password check, even with the right password
        String location = browser.signIn("kaz-locked", "locked-pw").headers().firstValue("Location").orElseThrow();
        assertThat(location).containsPattern("/portal/signin\\?wait=[0-9]+$");
        assertThat(browser.get(location.substring(location.indexOf("/portal"))).body())
                .contains("Too many failed sign-ins: wait");
    }
}
