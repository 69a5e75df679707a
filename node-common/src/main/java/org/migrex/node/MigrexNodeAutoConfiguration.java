package org.migrex.node;

import org.migrex.schema.Topics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** What every Migrex service gets by depending on node-common: node identity, topics, serdes, security. */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"})
@EnableConfigurationProperties({MigrexNodeProperties.class, MigrexSecurityProperties.class})
@Import(NodeSecurityConfiguration.class)
public class MigrexNodeAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Topics migrexTopics(MigrexNodeProperties properties) {
        return Topics.forNode(properties.node().country());
    }

    @Bean
    @ConditionalOnMissingBean
    AvroSerdeFactory avroSerdeFactory(MigrexNodeProperties properties) {
        return new AvroSerdeFactory(properties.registry().url(), properties.registry().autoRegister(),
                (int) properties.kafka().maxRecordSize().toBytes(), properties.registry().clientSettings());
    }

    /** Named so a service can list it in its readiness group ({@code kafkaCluster}). */
    @Bean("kafkaCluster")
    @ConditionalOnMissingBean(name = "kafkaCluster")
    KafkaClusterHealth kafkaClusterHealth(MigrexNodeProperties properties) {
        return new KafkaClusterHealth(properties.kafka().bootstrapServers(), properties.kafka().security(),
                java.time.Clock.systemUTC());
    }

    @Bean
    NodeTopicsInitializer migrexNodeTopicsInitializer(MigrexNodeProperties properties, Topics topics,
            org.springframework.beans.factory.ObjectProvider<ExtraTopics> extra) {
        return new NodeTopicsInitializer(properties, topics, extra.orderedStream().toList());
    }
}
