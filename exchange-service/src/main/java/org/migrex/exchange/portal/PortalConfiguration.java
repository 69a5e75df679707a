package org.migrex.exchange.portal;

import java.util.List;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;
import org.migrex.exchange.streams.QueryableStores;
import org.migrex.node.PublicPaths;
import org.migrex.schema.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The portal ({@link PortalController}, {@link SignedInController}): its public pages (no login) over the PUBLIC
 * release, its signed-in pages ({@link PortalSecurity}) and their calls to ingestion and harmonization
 * ({@link PortalBackends}), and the reader's language.
 */
@Configuration(proxyBeanMethods = false)
@Import(PortalSecurity.class)
@EnableConfigurationProperties(PortalProperties.class)
public class PortalConfiguration {

    @Bean
    PortalBackends portalBackends(PortalProperties properties) {
        return new PortalBackends(properties);
    }

    @Bean
    PublicReleases publicReleases(Topics topics, List<ExchangeAgreement> exchangeAgreements, QueryableStores stores) {
        return new PublicReleases(topics, exchangeAgreements, stores);
    }

    /** Only the public pages, their style sheet and downloads; the rest of the node keeps its logins. */
    @Bean
    PublicPaths portalPublicPaths() {
        return () -> List.of("/portal", "/portal/public", "/portal/public/**", "/portal/portal.css");
    }

    @Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    LocaleResolver localeResolver() {
        return new PortalLocales();
    }
}
