package org.migrex.node;

import java.time.Clock;
import java.time.Duration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The node's password check: the users of {@code migrex.security.users}, failed logins throttled
 * ({@link LoginThrottle}), a verified password remembered for 5 minutes ({@link VerifiedCredentialsCache}). The node's
 * HTTP Basic chain uses it, and so may a {@link ScopedSecurityFilterChain} with another way to sign in, so that both
 * accept the same users with the same limits.
 */
public final class NodeLogins {
    private NodeLogins() {
    }

    /**
     * @param eraseCredentials false only for a chain that must forward the user's password to another service of the
     *                         node (the portal keeps it in the server-side session; docs/portal.md)
     */
    public static AuthenticationManager authenticationManager(UserDetailsService users, PasswordEncoder passwordEncoder,
                                                              MigrexSecurityProperties properties,
                                                              boolean eraseCredentials) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(passwordEncoder);
        MigrexSecurityProperties.Login login = properties.login();
        LoginThrottle throttle = new LoginThrottle(passwords, login.maxFailures(), login.lockout(),
                login.maxConcurrentChecks(), Clock.systemUTC());
        ProviderManager manager = new ProviderManager(
                new VerifiedCredentialsCache(throttle, Duration.ofMinutes(5), Clock.systemUTC()));
        manager.setEraseCredentialsAfterAuthentication(eraseCredentials);
        return manager;
    }

    /** True when the exception is a throttled login (answer 429 with Retry-After); the seconds to wait, else -1. */
    public static long retryAfterSeconds(Exception e) {
        return e instanceof LoginThrottle.LoginThrottledException throttled ? throttled.retryAfterSeconds() : -1;
    }
}
