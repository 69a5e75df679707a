package org.migrex.exchange.sending;

import org.migrex.exchange.dataflow.Cell;
import org.migrex.schema.RevisionRequest;

/** What the delivery's dataset processor reads: a cube cell's new count, or an operator's revision request. */
sealed interface DatasetInput {
    /** A cell of a period and its count (0: gone). */
    record CellCount(Cell cell, long count) implements DatasetInput {
    }

    /** An operator asks for a revision of a FINAL dataset (from {@code <cc>.exchange.revision-requests}). */
    record Revision(RevisionRequest request) implements DatasetInput {
    }
}
