package org.migrex.exchange.sending;

import java.nio.ByteBuffer;
import java.security.PrivateKey;
import org.migrex.schema.DatasetSignatures;
import org.migrex.schema.ExchangeDataset;

/**
 * Signs datasets with this node's Ed25519 key.
 *
 * @param keyId id of the key, written into every dataset before signing
 * @param privateKey the key
 */
public record DatasetSigner(String keyId, PrivateKey privateKey) {
    /** Sets the dataset's keyId, then its signature over the canonical encoding (see DatasetSignatures). */
    public ExchangeDataset sign(ExchangeDataset dataset) {
        dataset.setKeyId(keyId);
        dataset.setSignature(ByteBuffer.wrap(new byte[0]));
        dataset.setSignature(ByteBuffer.wrap(DatasetSignatures.sign(dataset, privateKey)));
        return dataset;
    }
}
