package org.migrex.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

class VerifiedCredentialsCacheTest {
    private final AtomicInteger slowChecks = new AtomicInteger();
    /** Stands for bcrypt: accepts exactly kaz-agency / sandbox and counts how often it is asked. */
    private final AuthenticationProvider passwords = new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication a) {
            slowChecks.incrementAndGet();
            if (a.getName().equals("kaz-agency") && "sandbox".equals(a.getCredentials())) {
                return UsernamePasswordAuthenticationToken.authenticated(a.getName(), null,
                        List.of(new SimpleGrantedAuthority("ROLE_AGENCY")));
            }
            throw new BadCredentialsException("bad credentials");
        }

        @Override
        public boolean supports(Class<?> type) {
            return true;
        }
    };

    @Test
    void acceptedCredentialsAreCheckedSlowlyOnceWithinTheirLifetime() {
        MutableClock clock = new MutableClock();
        var cache = new VerifiedCredentialsCache(passwords, Duration.ofMinutes(5), clock);

        cache.authenticate(token("kaz-agency", "sandbox"));
        Authentication again = cache.authenticate(token("kaz-agency", "sandbox"));

        assertThat(slowChecks).hasValue(1);
        assertThat(again.isAuthenticated()).isTrue();
        assertThat(again.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_AGENCY");

        clock.now = clock.now.plus(Duration.ofMinutes(6));
        cache.authenticate(token("kaz-agency", "sandbox"));
        assertThat(slowChecks).hasValue(2);
    }

    @Test
    void aWrongPasswordAfterARightOneIsCheckedAndRefused() {
        var cache = new VerifiedCredentialsCache(passwords, Duration.ofMinutes(5), new MutableClock());
        cache.authenticate(token("kaz-agency", "sandbox"));

        assertThatThrownBy(() -> cache.authenticate(token("kaz-agency", "sandbox2")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> cache.authenticate(token("kaz-agency", "sandbox2")))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(slowChecks).hasValue(3);
    }

    private static UsernamePasswordAuthenticationToken token(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
