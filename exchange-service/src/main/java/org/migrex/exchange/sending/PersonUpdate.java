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
import org.migrex.statistics.Acquisitions;
import org.migrex.statistics.Registration;

/**
 * The current version of one record as its person's state needs it: the record key and the in-scope registration
 * (MIGR_FLOW) or citizenship grant (MIGR_ACQ) it now is, or neither when it is none any more (deleted, corrected out
 * of scope or to another event type, or corrected to another person). This, not the whole harmonized event, is what
 * crosses the repartition by person.
 *
 * @param recordKey    key on {@code <cc>.harmonized.events}
 * @param registration the registration, or null
 * @param grant        the grant, or null (at most one of the two is given)
 */
record PersonUpdate(String recordKey, Registration registration, Acquisitions.Grant grant) {
    private static final byte REMOVED = 0;
    private static final byte PRESENT = 1;
    private static final byte GRANT = 2;

    PersonUpdate {
        Objects.requireNonNull(recordKey, "recordKey");
        if (registration != null && grant != null) {
            throw new IllegalArgumentException("record " + recordKey + " is a registration and a grant");
        }
    }

    /** A registration, or (null) a removal. */
    PersonUpdate(String recordKey, Registration registration) {
        this(recordKey, registration, null);
    }

    /**
     * A binary serde: a kind byte, then the registration ({@link Registration#writeTo}), the grant
     * ({@link Acquisitions.Grant#writeTo}) or, for a removal, the record key. Kinds 0 and 1 are the encoding from
     * before grants crossed this topic, byte for byte.
     */
    static Serde<PersonUpdate> serde() {
        Serializer<PersonUpdate> serializer = (topic, update) -> {
            if (update == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                if (update.grant() != null) {
                    out.writeByte(GRANT);
                    update.grant().writeTo(out);
                } else if (update.registration() == null) {
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
                    case GRANT -> {
                        Acquisitions.Grant grant = Acquisitions.Grant.readFrom(in);
                        yield new PersonUpdate(grant.recordKey(), null, grant);
                    }
                    default -> throw new IllegalArgumentException("person update kind " + kind + " is none of "
                            + REMOVED + " (removed), " + PRESENT + " (registration), " + GRANT + " (grant)");
                };
            } catch (IOException e) {
                throw new IllegalArgumentException("person update bytes are truncated or corrupt", e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
