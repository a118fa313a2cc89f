package io.kintonemigrator.transfer;

/** The attachment is over kintone's 1 GB per-file limit; it cannot be uploaded, ever. */
public class AttachmentTooLargeException extends RuntimeException {

	public AttachmentTooLargeException(String name, long size, long limit) {
		super("'" + name + "' has " + size + " bytes, over kintone's limit of " + limit + " bytes per file");
	}

}
