package org.migrex.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

class LoginThrottleTest {

    @Test
    void atMostTheConfiguredNumberOfPasswordChecksRunAtOnce() throws Exception {
        CountDownLatch inCheck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger checks = new AtomicInteger();
        AuthenticationProvider slowPasswords = new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                checks.incrementAndGet();
                inCheck.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new BadCredentialsException("wrong");
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return true;
            }
        };
        LoginThrottle throttle = new LoginThrottle(slowPasswords, 5, Duration.ofMinutes(1), 1, Clock.systemUTC());
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
            try {
                throttle.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("a", "x"));
            } catch (BadCredentialsException expected) {
                // the slow check's own answer
            }
        });
        assertThat(inCheck.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> throttle.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("b", "y")))
                .isInstanceOf(LoginThrottle.LoginThrottledException.class)
                .hasMessageContaining("too many password checks at once");
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertThat(checks).hasValue(1);
    }
}
