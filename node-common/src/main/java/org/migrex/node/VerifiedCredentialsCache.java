package org.migrex.node;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Remembers, for a few minutes, credentials that the slow password check (bcrypt) already accepted, keyed by the
 * SHA-256 of user name and password, so a client that uploads many batches pays bcrypt once, not per request.
 * (Profiling the benchmark showed bcrypt at four tenths of the ingestion service's CPU and ~100 ms of each upload's
 * latency.) Only successes are remembered, never a clear password; a wrong password always goes to bcrypt.
 */
final class VerifiedCredentialsCache implements AuthenticationProvider {
    private static final int LIMIT = 10_000;

    private final AuthenticationProvider delegate;
    private final Duration timeToLive;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(Authentication authentication, Instant until) {
    }

    VerifiedCredentialsCache(AuthenticationProvider delegate, Duration timeToLive, Clock clock) {
        this.delegate = delegate;
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String key = key(authentication);
        Verified known = verified.get(key);
        Instant now = clock.instant();
        if (known != null && now.isBefore(known.until())) {
            return known.authentication();
        }
        Authentication result = delegate.authenticate(authentication);
        if (result != null && result.isAuthenticated()) {
            if (verified.size() >= LIMIT) {
                verified.clear();
            }
            verified.put(key, new Verified(result, now.plus(timeToLive)));
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String key(Authentication authentication) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(authentication.getName().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(String.valueOf(authentication.getCredentials()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
