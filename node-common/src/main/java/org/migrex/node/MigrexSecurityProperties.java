package org.migrex.node;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Users of the node's HTTP APIs, how failed logins are throttled, and which proxy may terminate TLS for the node.
 *
 * @param users          user name to credentials and roles
 * @param login          throttling of failed logins and of password checks
 * @param trustedProxies IP addresses of the reverse proxies that terminate TLS in front of the node; their
 *                       {@code X-Forwarded-Proto} and {@code X-Forwarded-For} are believed, no one else's. Under profile
 *                       {@code prod} the node then refuses requests that did not come over HTTPS through them
 */
@Validated
@ConfigurationProperties(prefix = "migrex.security")
public record MigrexSecurityProperties(@DefaultValue Map<String, @Valid User> users, @DefaultValue @Valid Login login,
                                       @DefaultValue List<@Pattern(regexp = "[0-9A-Fa-f.:]+",
                                               message = "must be an IPv4 or IPv6 address") String> trustedProxies) {

    /**
     * @param maxFailures         failed logins of one user from one client address before that pair is refused
     * @param lockout             how long the pair is then refused (429 with Retry-After); also the window in which
     *                            failures are counted
     * @param maxConcurrentChecks password checks (bcrypt) running at once; a login waiting more than 2 s for one gets 429
     */
    public record Login(@DefaultValue("5") @Min(1) @Max(1000) int maxFailures,
                        @DefaultValue("60s") @NotNull Duration lockout,
                        @DefaultValue("2") @Min(1) @Max(256) int maxConcurrentChecks) {
    }

    /**
     * @param password encoded password with its encoder id, e.g. {@code {bcrypt}$2a$10$...}; never the clear text
     * @param roles    any of AGENCY, STATISTICIAN, OPERATOR
     */
    public record User(
            @NotBlank @Pattern(regexp = "\\{[a-z0-9]+}.+",
                    message = "must be an encoded password with its encoder id, e.g. {bcrypt}$2a$10$...") String password,
            @NotEmpty List<Role> roles) {
    }

    /** What a user may do. */
    public enum Role {
        /** Submits records to the sources it owns; reads the node's quarantine report, inbox and mirror tables. */
        AGENCY,
        /** Reads the node's own unsuppressed aggregates. */
        STATISTICIAN,
        /** Reads actuator endpoints other than health; replays quarantine. */
        OPERATOR
    }
}
