package org.migrex.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Bounds what wrong passwords can cost: after {@code maxFailures} failed logins of one user from one client address,
 * that pair is refused for {@code lockout} without a password check (429 with Retry-After); and at most
 * {@code maxConcurrentChecks} password checks (bcrypt, ~100 ms of a core each) run at once, so unauthenticated
 * requests cannot take more than that many cores. A success clears the pair's failures.
 */
final class LoginThrottle implements AuthenticationProvider {
    private static final int LIMIT = 10_000;
    private static final Duration CHECK_WAIT = Duration.ofSeconds(2);

    private final AuthenticationProvider passwords;
    private final int maxFailures;
    private final Duration lockout;
    private final Semaphore checks;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant since, Instant lockedUntil) {
    }

    LoginThrottle(AuthenticationProvider passwords, int maxFailures, Duration lockout, int maxConcurrentChecks,
                  Clock clock) {
        this.passwords = passwords;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.checks = new Semaphore(maxConcurrentChecks);
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String key = client(authentication) + "|" + authentication.getName();
        Instant now = clock.instant();
        Failures known = failures.get(key);
        if (known != null && known.lockedUntil() != null) {
            if (now.isBefore(known.lockedUntil())) {
                throw new LoginThrottledException("too many failed logins of user '" + authentication.getName()
                        + "' from " + client(authentication) + ": " + maxFailures + " within " + lockout.toSeconds()
                        + " s; try again later", secondsUntil(now, known.lockedUntil()));
            }
            failures.remove(key);
        }
        boolean permitted;
        try {
            permitted = checks.tryAcquire(CHECK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            permitted = false;
        }
        if (!permitted) {
            throw new LoginThrottledException("too many password checks at once; try again later", 1);
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            failures.remove(key);
            return result;
        } catch (BadCredentialsException e) {
            recordFailure(key, clock.instant());
            throw e;
        } finally {
            checks.release();
        }
    }

    private void recordFailure(String key, Instant now) {
        if (failures.size() >= LIMIT) {
            failures.values().removeIf(f -> f.since().plus(lockout).isBefore(now)
                    && (f.lockedUntil() == null || f.lockedUntil().isBefore(now)));
            if (failures.size() >= LIMIT) {
                failures.clear();
            }
        }
        failures.compute(key, (k, f) -> {
            Failures fresh = f == null || f.since().plus(lockout).isBefore(now) ? new Failures(0, now, null) : f;
            int count = fresh.count() + 1;
            return new Failures(count, fresh.since(), count >= maxFailures ? now.plus(lockout) : null);
        });
    }

    private static long secondsUntil(Instant now, Instant until) {
        return Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
    }

    private static String client(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress() : "an unknown address";
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** A login refused without a password check; answered 429 with {@code Retry-After}. */
    static final class LoginThrottledException extends AuthenticationException {
        private final long retryAfterSeconds;

        LoginThrottledException(String message, long retryAfterSeconds) {
            super(message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
