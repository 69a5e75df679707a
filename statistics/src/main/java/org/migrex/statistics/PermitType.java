package org.migrex.statistics;

/** MIGR_PERMITS' PERMIT_TYPE: the template event types that are permits. */
public enum PermitType {
    RESIDENCE_PERMIT,
    WORK_PERMIT
}
