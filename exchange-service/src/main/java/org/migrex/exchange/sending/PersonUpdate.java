package org.migrex.exchange.sending;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.migrex.statistics.Registration;

/**
 * The current version of one record as its person's history needs it: the record key and the in-scope registration
 * it now is, or null when it is none any more (deleted, corrected out of scope, or corrected to another person).
 * This, not the whole harmonized event, is what crosses the repartition by person.
 *
 * @param recordKey    key on {@code <cc>.harmonized.events}
 * @param registration the registration, or null
 */
record PersonUpdate(String recordKey, Registration registration) {
    private static final byte REMOVED = 0;
    private static final byte PRESENT = 1;

    PersonUpdate {
        Objects.requireNonNull(recordKey, "recordKey");
    }

    /** A binary serde: a presence byte, then the registration ({@link Registration#writeTo}) or the record key. */
    static Serde<PersonUpdate> serde() {
        Serializer<PersonUpdate> serializer = (topic, update) -> {
            if (update == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                if (update.registration() == null) {
                    out.writeByte(REMOVED);
                    out.writeUTF(update.recordKey());
                } else {
                    out.writeByte(PRESENT);
                    update.registration().writeTo(out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        };
        Deserializer<PersonUpdate> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                byte kind = in.readByte();
                return switch (kind) {
                    case REMOVED -> new PersonUpdate(in.readUTF(), null);
                    case PRESENT -> {
                        Registration registration = Registration.readFrom(in);
                        yield new PersonUpdate(registration.recordKey(), registration);
                    }
                    default -> throw new IllegalArgumentException("person update kind " + kind + " is neither "
                            + REMOVED + " (removed) nor " + PRESENT + " (present)");
                };
            } catch (IOException e) {
                throw new IllegalArgumentException("person update bytes are truncated or corrupt", e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
