package io.kintonemigrator.kintone;

/**
 * What a download wrote: the MIME type the server sent, the byte count and the SHA-256
 * (hex).
 */
public record DownloadedFile(String contentType, long size, String sha256) {
}
