package org.migrex.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxConfigTest {
    private final SandboxConfig standard = SandboxConfig.standard(List.of("kaz", "KGZ"), Path.of("/tmp/w"), Path.of("/repo"));

    @Test
    void testsAndTheBenchmarkGetNoAdminConsoleUnlessAsked() {
        // SandboxIT and the benchmark build on standard() with free ports: the console's fixed port must not be taken
        assertThat(standard.admin()).isFalse();
        assertThat(standard.withPorts(PortPlan.free(standard.countries())).withJvmOptions(SandboxConfig.THROUGHPUT_JVM)
                .admin()).isFalse();
    }

    @Test
    void withAdminKeepsEverythingElse() {
        SandboxConfig withAdmin = standard.withJvmOptions(SandboxConfig.THROUGHPUT_JVM).withAdmin(true);
        assertThat(withAdmin.admin()).isTrue();
        assertThat(withAdmin.countries()).containsExactly("KAZ", "KGZ");
        assertThat(withAdmin.serviceJvmOptions()).isEqualTo(SandboxConfig.THROUGHPUT_JVM);
        assertThat(withAdmin.ports().adminPort()).isEqualTo(8080);
        assertThat(withAdmin.withPorts(PortPlan.standard()).admin()).isTrue();
        assertThat(withAdmin.withAdmin(false).admin()).isFalse();
    }

    @Test
    void consoleJarFollowsTheBuildFolderConvention() {
        assertThat(AdminConsole.execJar(Path.of("/repo")).toString())
                .endsWith("/repo/deploy/admin/" + System.getProperty("migrex.target", "target") + "/migrex-admin-exec.jar");
        assertThat(AdminConsole.instanceName("KAZ", ServiceKind.HARMONIZATION)).isEqualTo("kaz-harmonization");
    }

    @Test
    void separateClustersNeedTheSecuredBrokers() {
        assertThat(standard.separateClusters()).isFalse();
        assertThat(standard.withSeparateClusters(true).separateClusters()).isTrue();
        assertThat(standard.withSeparateClusters(true).countries()).isEqualTo(standard.countries());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> standard.withSecured(false).withSeparateClusters(true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--plaintext");
    }
}
