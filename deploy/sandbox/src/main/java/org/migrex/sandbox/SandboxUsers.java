package org.migrex.sandbox;

import java.util.Locale;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The sandbox's HTTP Basic users: {@code <cc>-agency} per node (roles AGENCY and STATISTICIAN: owner of the node's
 * sources, reader of its quarantine, inbox, mirror tables and aggregates) and {@code operator} (role OPERATOR). Every
 * password is {@value #PASSWORD}; the services receive only its bcrypt hash.
 */
public final class SandboxUsers {
    /** Password of every sandbox user. */
    public static final String PASSWORD = "sandbox";
    /** The operator's user name. */
    public static final String OPERATOR = "operator";

    private SandboxUsers() {
    }

    /** The agency user of a node: {@code kaz-agency}. */
    public static String agency(String country) {
        return country.toLowerCase(Locale.ROOT) + "-agency";
    }

    /** The password in the form the services' configuration takes: {@code {bcrypt}$2a$...}. */
    public static String encodedPassword() {
        return "{bcrypt}" + new BCryptPasswordEncoder(8).encode(PASSWORD);
    }
}
