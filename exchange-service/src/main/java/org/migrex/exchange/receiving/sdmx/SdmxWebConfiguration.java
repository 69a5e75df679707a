package org.migrex.exchange.receiving.sdmx;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets Tomcat accept {@code [} and {@code ]} unencoded in query strings, as SDMX REST filters are written
 * ({@code c[TIME_PERIOD]=ge:2025-01}); Tomcat refuses them by default.
 */
@Configuration(proxyBeanMethods = false)
public class SdmxWebConfiguration {
    @Bean
    TomcatConnectorCustomizer sdmxQueryCharacters() {
        return connector -> connector.setProperty("relaxedQueryChars", "[]");
    }
}
