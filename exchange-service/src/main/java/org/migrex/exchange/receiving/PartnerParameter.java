package org.migrex.exchange.receiving;

import java.util.TreeSet;
import org.migrex.schema.CountryCode;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The {@code partner} request parameter of the mirror endpoints, checked once for all of them. */
final class PartnerParameter {
    private PartnerParameter() {
    }

    /**
     * The partner's normalized code: 400 for text that is no ISO alpha-3 code or is this node itself, 404 for a
     * country that is not a configured partner (naming the partners).
     */
    static String require(String code, String node, PartnerKeys partners) {
        if (!CountryCode.isValid(code)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "partner '" + code + "' is not an ISO 3166-1 alpha-3 code (e.g. KAZ)");
        }
        String p = CountryCode.of(code).code();
        if (p.equals(node)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "partner " + p + " is this node itself");
        }
        if (!partners.countries().contains(p)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "partner " + p + " is not a partner of this node;"
                    + " its partners: " + new TreeSet<>(partners.countries()));
        }
        return p;
    }
}
