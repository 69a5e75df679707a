package org.migrex.exchange.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.migrex.exchange.receiving.InboxStore;
import org.migrex.schema.ExchangeDataset;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The portal's signed-in pages ({@link PortalSecurity} says who may open which): sign-in, the user's home, upload
 * with the per-row report (ingestion's API), the quarantine report and its replay (harmonization's API), and the
 * inbox by partner with each dataset's revision history and verification (this service's inbox stores).
 */
@Controller
@RequestMapping("/portal")
public class SignedInController {
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private final PublicReleases releases;
    private final PortalBackends backends;
    private final ObjectProvider<InboxStore> inbox;
    private final MessageSource messages;
    private final LocaleResolver locales;

    public SignedInController(PublicReleases releases, PortalBackends backends, ObjectProvider<InboxStore> inbox,
                              MessageSource messages, LocaleResolver locales) {
        this.releases = releases;
        this.backends = backends;
        this.inbox = inbox;
        this.messages = messages;
        this.locales = locales;
    }

    /** The signed-in user as the pages show it: name and roles (without the ROLE_ prefix). */
    public record SignedInUser(String name, List<String> roles) {
        public boolean has(String role) {
            return roles.contains(role);
        }

        static SignedInUser of(Authentication auth) {
            if (auth == null || !auth.isAuthenticated()
                    || auth instanceof org.springframework.security.authentication.AnonymousAuthenticationToken) {
                return null;
            }
            return new SignedInUser(auth.getName(), auth.getAuthorities().stream()
                    .map(a -> a.getAuthority().replaceFirst("^ROLE_", "")).sorted().toList());
        }
    }

    /** A row error of the per-row report. */
    public record RowError(long line, String column, String value, String message) {
    }

    /** Ingestion's per-row report, as the upload page shows it. */
    public record Report(String batchId, String source, String profile, String fileName, long received, long accepted,
                         long rejected, List<RowError> errors, long errorsNotListed) {
    }

    /** A label and a count (quarantine reasons). */
    public record Count(String label, long count) {
    }

    /** A dataset of the inbox, or one of its revisions. */
    public record InboxRow(String dataflow, String period, long revision, String status, String generatedAt,
                           String keyId, String agreementId, int observations, int suppressed, String revisionReason) {
    }

    /** A dataset in force with its stored revisions, oldest first. */
    public record InboxEntry(InboxRow current, List<InboxRow> revisions) {
    }

    @GetMapping("/signin")
    public String signIn(@RequestParam(required = false) String error, @RequestParam(required = false) String wait,
                         HttpServletRequest request, HttpServletResponse response, Model model) {
        if (SignedInUser.of(SecurityContextHolder.getContext().getAuthentication()) != null) {
            return "redirect:/portal/home";
        }
        Locale locale = common(request, response, model, "signin");
        model.addAttribute("pageTitle", text("signin.page", locale));
        model.addAttribute("failed", error != null);
        model.addAttribute("wait", wait != null && wait.matches("[0-9]{1,6}") ? wait : null);
        return "portal/signin";
    }

    @GetMapping("/home")
    public String home(HttpServletRequest request, HttpServletResponse response, Model model) {
        Locale locale = common(request, response, model, "home");
        model.addAttribute("pageTitle", text("home.page", locale));
        return "portal/home";
    }

    /** Any method: Spring Security forwards a refused POST here as a POST. */
    @RequestMapping("/denied")
    public String denied(HttpServletRequest request, HttpServletResponse response, Model model) {
        Locale locale = common(request, response, model, "denied");
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        Object reason = request.getAttribute(WebAttributes.ACCESS_DENIED_403);
        model.addAttribute("pageTitle", text("denied.page", locale));
        model.addAttribute("expired", reason instanceof CsrfException);
        Object uri = request.getAttribute("jakarta.servlet.forward.request_uri");
        model.addAttribute("deniedPath", uri == null ? null : uri.toString());
        return "portal/denied";
    }

    @GetMapping("/upload")
    public String upload(HttpServletRequest request, HttpServletResponse response, Model model) {
        Locale locale = common(request, response, model, "upload");
        uploadForm(model, locale);
        return "portal/upload";
    }

    @PostMapping("/upload")
    public String uploaded(@RequestParam(required = false) String source,
                           @RequestParam(required = false) MultipartFile file,
                           HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        Locale locale = common(request, response, model, "upload");
        uploadForm(model, locale);
        if (file == null || file.isEmpty()) {
            model.addAttribute("refusal", text("upload.nofile", locale));
            response.setStatus(400);
            return "portal/upload";
        }
        model.addAttribute("chosenSource", source);
        try (InputStream content = file.getInputStream()) {
            PortalBackends.Answer answer = backends.upload(user(), source, file.getOriginalFilename(), file.getSize(),
                    content);
            if (!answer.ok()) {
                model.addAttribute("refusal", text("upload.refused", locale, answer.status(), answer.reason()));
                response.setStatus(answer.status() >= 500 ? 502 : answer.status());
                return "portal/upload";
            }
            model.addAttribute("report", report(answer.body(), file.getOriginalFilename()));
        } catch (IllegalArgumentException e) {
            model.addAttribute("refusal", e.getMessage());
            response.setStatus(400);
        } catch (PortalBackends.Unavailable e) {
            model.addAttribute("refusal", text("backend.unavailable", locale, e.getMessage()));
            response.setStatus(503);
        }
        return "portal/upload";
    }

    private void uploadForm(Model model, Locale locale) {
        model.addAttribute("pageTitle", text("upload.page", locale));
        try {
            model.addAttribute("sources", backends.sourcesOwnedBy(user()));
        } catch (PortalBackends.Unavailable e) {
            model.addAttribute("sources", List.of());
            model.addAttribute("unavailable", text("backend.unavailable", locale, e.getMessage()));
        }
    }

    static Report report(JsonNode r, String fileName) {
        List<RowError> errors = new ArrayList<>();
        for (JsonNode e : r.path("errors")) {
            errors.add(new RowError(e.path("line").asLong(), nullable(e.get("column")), nullable(e.get("value")),
                    e.path("message").asString()));
        }
        return new Report(r.path("batchId").asString(), r.path("source").asString(), r.path("profile").asString(),
                fileName, r.path("received").asLong(), r.path("accepted").asLong(), r.path("rejected").asLong(),
                errors, r.path("errorsNotListed").asLong());
    }

    private static String nullable(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    @GetMapping("/quarantine")
    public String quarantine(HttpServletRequest request, HttpServletResponse response, Model model) {
        Locale locale = common(request, response, model, "quarantine");
        quarantineReport(model, locale, response);
        return "portal/quarantine";
    }

    @PostMapping("/quarantine/replay")
    public String replay(HttpServletRequest request, HttpServletResponse response, Model model) {
        Locale locale = common(request, response, model, "quarantine");
        try {
            PortalBackends.Answer answer = backends.replay(user());
            if (answer.ok()) {
                JsonNode r = answer.body();
                model.addAttribute("replay", text(answer.status() == 200 ? "quarantine.replayed" : "quarantine.replaying",
                        locale, r.path("replayed").asLong(), r.path("harmonized").asLong(),
                        r.path("stillQuarantined").asLong(), r.path("superseded").asLong(),
                        r.path("referenceDataVersion").asString()));
            } else {
                model.addAttribute("refusal", text("quarantine.replay.refused", locale, answer.status(), answer.reason()));
            }
        } catch (PortalBackends.Unavailable e) {
            model.addAttribute("refusal", text("backend.unavailable", locale, e.getMessage()));
        }
        quarantineReport(model, locale, response);
        return "portal/quarantine";
    }

    private void quarantineReport(Model model, Locale locale, HttpServletResponse response) {
        model.addAttribute("pageTitle", text("quarantine.page", locale));
        try {
            PortalBackends.Answer answer = backends.quarantine(user());
            if (!answer.ok() || answer.body() == null) {
                model.addAttribute("unavailable", text("quarantine.refused", locale, answer.status(), answer.reason()));
                response.setStatus(answer.status() >= 500 || answer.status() < 400 ? 502 : answer.status());
                return;
            }
            JsonNode q = answer.body();
            model.addAttribute("records", q.path("records").asLong());
            model.addAttribute("byRule", counts(q.path("reasonsByRule")));
            model.addAttribute("byField", counts(q.path("reasonsByField")));
            Map<String, List<Count>> unmapped = new TreeMap<>();
            q.path("topUnmappedValues").properties().forEach(e -> {
                List<Count> values = new ArrayList<>();
                for (JsonNode v : e.getValue()) {
                    values.add(new Count(v.path("value").asString(), v.path("records").asLong()));
                }
                unmapped.put(e.getKey(), values);
            });
            model.addAttribute("unmapped", unmapped);
            model.addAttribute("oldest", nullable(q.get("oldestQuarantinedAt")));
            model.addAttribute("referenceVersion", nullable(q.get("referenceDataVersion")));
            JsonNode sources = q.get("sources");
            model.addAttribute("coveredSources", sources == null || sources.isNull() ? null
                    : sources.valueStream().map(JsonNode::asString).toList());
        } catch (PortalBackends.Unavailable e) {
            model.addAttribute("unavailable", text("backend.unavailable", locale, e.getMessage()));
            response.setStatus(503);
        }
    }

    private static List<Count> counts(JsonNode object) {
        List<Count> counts = new ArrayList<>();
        object.properties().forEach(e -> counts.add(new Count(e.getKey(), e.getValue().asLong())));
        counts.sort(Comparator.comparing(Count::count).reversed().thenComparing(Count::label));
        return counts;
    }

    @GetMapping("/inbox")
    public String inbox(@RequestParam(required = false) String partner, HttpServletRequest request,
                        HttpServletResponse response, Model model) {
        Locale locale = common(request, response, model, "inbox");
        model.addAttribute("pageTitle", text("inbox.page", locale));
        InboxStore store = inbox.getIfAvailable();
        List<ExchangeDataset> all;
        try {
            all = store == null ? null : store.all();
        } catch (RuntimeException notRunning) {
            all = null;
        }
        if (all == null) {
            model.addAttribute("unavailable", text("inbox.unavailable", locale));
            response.setStatus(503);
            return "portal/inbox";
        }
        TreeSet<String> partners = new TreeSet<>();
        all.forEach(d -> partners.add(d.getSender()));
        String chosen = partner != null && partners.contains(partner) ? partner
                : partners.isEmpty() ? null : partners.first();
        model.addAttribute("partners", partners.stream().map(p -> new PortalController.Choice(p,
                CodeLabels.country(p, locale) + " (" + p + ")", p.equals(chosen))).toList());
        model.addAttribute("partner", chosen);
        model.addAttribute("partnerName", chosen == null ? null : CodeLabels.country(chosen, locale));
        List<InboxEntry> entries = new ArrayList<>();
        if (chosen != null) {
            Map<String, List<ExchangeDataset>> historyByDataflow = new TreeMap<>();
            for (ExchangeDataset d : all) {
                if (d.getSender().equals(chosen)) {
                    historyByDataflow.computeIfAbsent(d.getDataflow(), store::history);
                }
            }
            all.stream().filter(d -> d.getSender().equals(chosen))
                    .sorted(Comparator.comparing(ExchangeDataset::getDataflow)
                            .thenComparing(ExchangeDataset::getPeriod, Comparator.reverseOrder()))
                    .forEach(d -> entries.add(new InboxEntry(row(d), historyByDataflow.get(d.getDataflow()).stream()
                            .filter(h -> h.getSender().equals(chosen) && h.getPeriod().equals(d.getPeriod()))
                            .sorted(Comparator.comparingLong(ExchangeDataset::getRevision))
                            .map(SignedInController::row).toList())));
        }
        model.addAttribute("entries", entries);
        return "portal/inbox";
    }

    static InboxRow row(ExchangeDataset d) {
        int suppressed = (int) d.getObservations().stream().filter(o -> o.getValue() == null).count();
        return new InboxRow(d.getDataflow(), d.getPeriod(), d.getRevision(), d.getStatus(),
                d.getGeneratedAt() == null ? null : INSTANT.format(d.getGeneratedAt()), d.getKeyId(),
                d.getAgreementId(), d.getObservations().size(), suppressed, d.getRevisionReason());
    }

    private static Authentication user() {
        return SecurityContextHolder.getContext().getAuthentication();
    }

    private Locale common(HttpServletRequest request, HttpServletResponse response, Model model, String page) {
        return commonModel(releases, locales, request, response, model, page);
    }

    /** What every signed-in page's layout needs: node, language (kept in the cookie when chosen), page. */
    static Locale commonModel(PublicReleases releases, LocaleResolver locales, HttpServletRequest request,
                              HttpServletResponse response, Model model, String page) {
        Locale locale = locales.resolveLocale(request);
        if (PortalLocales.supported(request.getParameter(PortalLocales.PARAMETER)) != null) {
            locales.setLocale(request, response, locale);
        }
        model.addAttribute("node", releases.node());
        model.addAttribute("nodeName", CodeLabels.country(releases.node(), locale));
        model.addAttribute("lang", locale.getLanguage());
        model.addAttribute("page", page);
        model.addAttribute("languages", PortalLocales.SUPPORTED.stream().map(l -> new PortalController.Language(
                l.getLanguage(), l.getDisplayLanguage(l).substring(0, 1).toUpperCase(l)
                + l.getDisplayLanguage(l).substring(1),
                "POST".equals(request.getMethod()) // the page's own GET, not the form's action
                        ? ServletUriComponentsBuilder.fromCurrentContextPath().path("/portal/" + page)
                        .queryParam(PortalLocales.PARAMETER, l.getLanguage()).build().toUriString()
                        : ServletUriComponentsBuilder.fromCurrentRequest()
                        .replaceQueryParam(PortalLocales.PARAMETER, l.getLanguage()).build().toUriString(),
                l.getLanguage().equals(locale.getLanguage()))).toList());
        return locale;
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
