package org.migrex.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortPlanTest {
    @Test
    void standardPlanIsTheReadmes() {
        PortPlan plan = PortPlan.standard();
        assertThat(plan.kafkaPort()).isEqualTo(9092);
        assertThat(plan.registryPort()).isEqualTo(8081);
        assertThat(plan.adminPort()).isEqualTo(8080);
        assertThat(plan.port("KAZ", ServiceKind.INGESTION)).isEqualTo(8110);
        assertThat(plan.port("KAZ", ServiceKind.HARMONIZATION)).isEqualTo(8120);
        assertThat(plan.port("KAZ", ServiceKind.EXCHANGE)).isEqualTo(8130);
        assertThat(plan.port("KGZ", ServiceKind.INGESTION)).isEqualTo(8210);
        assertThat(plan.port("TJK", ServiceKind.HARMONIZATION)).isEqualTo(8320);
        assertThat(plan.port("rus", ServiceKind.EXCHANGE)).isEqualTo(8430);
        // a cluster per node (--separate-clusters): Kafka 9n92, registry 8n81
        assertThat(plan.kafkaPort("KAZ")).isEqualTo(9192);
        assertThat(plan.registryPort("KAZ")).isEqualTo(8181);
        assertThat(plan.kafkaPort("rus")).isEqualTo(9492);
        assertThat(plan.registryPort("TJK")).isEqualTo(8381);
    }

    @Test
    void freePlanGivesEveryPartItsOwnPortAwayFromTheSandboxPlan() {
        List<String> countries = List.of("KAZ", "KGZ");
        PortPlan plan = PortPlan.free(countries);
        Set<Integer> ports = new HashSet<>(List.of(plan.kafkaPort(), plan.registryPort(), plan.adminPort()));
        for (String c : countries) {
            for (ServiceKind kind : ServiceKind.values()) {
                ports.add(plan.port(c, kind));
            }
        }
        for (String c : countries) {
            ports.add(plan.kafkaPort(c));
            ports.add(plan.registryPort(c));
        }
        assertThat(ports).hasSize(13);
        assertThat(ports).doesNotContain(9092, 8081, 8080, 8110, 8120, 8130, 8210, 8220, 8230, 9192, 8181, 9292, 8281);
    }

    @Test
    void unknownCountryIsNamed() {
        assertThatThrownBy(() -> PortPlan.standardPort("FRA", ServiceKind.INGESTION)).hasMessageContaining("FRA");
        assertThatThrownBy(() -> PortPlan.free(List.of("KAZ")).kafkaPort("KGZ")).hasMessageContaining("KGZ");
    }
}
