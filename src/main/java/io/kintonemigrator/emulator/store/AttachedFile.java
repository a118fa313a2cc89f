package io.kintonemigrator.emulator.store;

/** Where a download key points: the file and the record it is attached to. */
public record AttachedFile(long appId, long recordId, StoredFile file) {
}
