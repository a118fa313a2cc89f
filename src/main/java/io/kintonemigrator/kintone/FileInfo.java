package io.kintonemigrator.kintone;

/**
 * One attachment as a record read returns it (a download key, its name, MIME type and
 * size).
 */
public record FileInfo(FileKey fileKey, String name, String contentType, long size) {
}
