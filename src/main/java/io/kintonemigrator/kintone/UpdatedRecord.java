package io.kintonemigrator.kintone;

/** A record's id and new revision after an update. */
public record UpdatedRecord(long id, long revision) {
}
