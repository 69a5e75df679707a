package org.migrex.node;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Users of the node's HTTP APIs.
 *
 * @param users user name to credentials and roles
 */
@Validated
@ConfigurationProperties(prefix = "migrex.security")
public record MigrexSecurityProperties(@DefaultValue Map<String, @Valid User> users) {

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
