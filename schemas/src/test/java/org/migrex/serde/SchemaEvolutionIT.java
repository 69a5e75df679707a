package org.migrex.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.migrex.schema.RawMigrationRecord;

/**
 * The CI gate on contract evolution: every schema in {@code schemas/src/main/avro} must register, under
 * BACKWARD_TRANSITIVE, on top of every released version kept in {@code schemas/history/<Name>/v<N>.avsc}; and the
 * registry must refuse what breaks old readers' data.
 */
class SchemaEvolutionIT {
    private static final Path AVRO = Path.of("src/main/avro");
    private static final Path HISTORY = Path.of("history");
    private static SchemaRegistryClient client;

    @BeforeAll
    static void registry() {
        client = new SchemaRegistryClient(RegistryClientConfig.of(SharedRegistry.get().registryConfluentUrl()));
    }

    @TestFactory
    Stream<DynamicTest> everyContractRegistersOnTopOfItsReleasedVersions() {
        List<Schema> contracts = topLevelContracts();
        assertThat(contracts).extracting(Schema::getName).contains("RawMigrationRecord", "HarmonizedMigrationEvent",
                "QuarantinedRecord", "MigrationAggregate", "ExchangeDataset", "DeliveryAuditRecord");
        return contracts.stream().map(schema -> DynamicTest.dynamicTest(schema.getName(), () -> {
            String subject = "evolution." + schema.getFullName() + "-value";
            client.setCompatibility(subject, "BACKWARD_TRANSITIVE");
            List<Schema> released = releasedVersions(schema.getName());
            for (Schema version : released) {
                client.register(subject, version);
            }
            if (!released.isEmpty()) {
                assertThat(client.isCompatible(subject, schema))
                        .as("%s is backward-transitive compatible with %d released versions", schema.getName(),
                                released.size())
                        .isTrue();
            }
            client.register(subject, schema);
            assertThat(client.versions(subject)).hasSize(released.size() + 1);
        }));
    }

    @Test
    void aNewRequiredFieldWithoutDefaultIsRefused() {
        String subject = "evolution.incompatible-value";
        client.setCompatibility(subject, "BACKWARD_TRANSITIVE");
        Schema current = RawMigrationRecord.getClassSchema();
        client.register(subject, current);
        Schema broken = withRequiredField(current, "residenceCountry");

        assertThat(client.isCompatible(subject, broken)).isFalse();
        assertThatThrownBy(() -> client.register(subject, broken))
                .isInstanceOf(SchemaRegistryException.class)
                .satisfies(e -> assertThat(((SchemaRegistryException) e).httpStatus()).isEqualTo(409));
        assertThat(client.versions(subject)).hasSize(1);
    }

    /** The top-level contracts; Observation is a part of ExchangeDataset and not registered alone. */
    private static List<Schema> topLevelContracts() {
        Schema.Parser parser = new Schema.Parser();
        List<Schema> all = new ArrayList<>();
        for (String file : List.of("RawMigrationRecord", "RemittanceRecord", "Observation", "HarmonizedMigrationEvent",
                "QuarantinedRecord", "MigrationAggregate", "ExchangeDataset", "DeliveryAuditRecord", "IntakeQualityDelta",
                "DeliveryReceipt", "RevisionRequest")) {
            all.add(parse(parser, AVRO.resolve(file + ".avsc")));
        }
        try (Stream<Path> files = Files.list(AVRO)) {
            assertThat(files.filter(f -> f.toString().endsWith(".avsc")).count())
                    .as("every .avsc of schemas/src/main/avro is listed in this test").isEqualTo(all.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.stream().filter(s -> !s.getName().equals("Observation")).toList();
    }

    private static List<Schema> releasedVersions(String name) {
        Path folder = HISTORY.resolve(name);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().matches("v\\d+\\.avsc"))
                    .sorted((a, b) -> Integer.compare(version(a), version(b)))
                    .map(f -> parse(new Schema.Parser(), f))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int version(Path file) {
        return Integer.parseInt(file.getFileName().toString().replaceAll("\\D", ""));
    }

    private static Schema parse(Schema.Parser parser, Path file) {
        try {
            return parser.parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema withRequiredField(Schema base, String name) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : base.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(new Schema.Field(name, Schema.create(Schema.Type.STRING), null, (Object) null));
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }
}
