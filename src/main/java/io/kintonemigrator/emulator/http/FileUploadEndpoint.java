package io.kintonemigrator.emulator.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.kintonemigrator.emulator.api.ApiContext;
import io.kintonemigrator.emulator.api.ApiException;
import io.kintonemigrator.emulator.api.Json;
import io.kintonemigrator.emulator.api.LocalizedText;
import io.kintonemigrator.emulator.api.ValidationErrors;
import io.kintonemigrator.emulator.file.Blob;
import io.kintonemigrator.emulator.file.FileStorage;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST file.json} (kintone-api.md §1.1): one multipart part named {@code file}.
 * {@link MultipartFileReader} writes the part's content straight into blob storage as it
 * arrives (no spool file, no copy, never the whole upload in memory). Keeps the UTF-8
 * file name and the part's {@code Content-Type}, and answers
 * {@code {"fileKey":"<uuid>"}}. An upload over the size limit is read to its end first,
 * so the client gets kintone's error, not a closed connection.
 */
final class FileUploadEndpoint {

	private static final LocalizedText TOO_LARGE = new LocalizedText("ファイルサイズが上限を超えています。",
			"The file size exceeds the limit.");

	private final ApiContext context;

	FileUploadEndpoint(ApiContext context) {
		this.context = context;
	}

	void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String contentType = request.getContentType();
		if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
			throw ValidationErrors.single("file", LocalizedText.REQUIRED);
		}
		String boundary = MultipartFileReader.boundary(contentType);
		if (boundary == null) {
			throw ValidationErrors.single("file", LocalizedText.REQUIRED);
		}
		FileStorage storage = this.context.store().fileStorage();
		Path target = storage.newBlobPath();
		MultipartFileReader.FilePart part;
		try {
			part = MultipartFileReader.read(request.getInputStream(), boundary, target);
		}
		catch (MultipartFileReader.MalformedBodyException ex) {
			Files.deleteIfExists(target);
			throw ValidationErrors.single("file", LocalizedText.REQUIRED);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(target);
			throw ex;
		}
		if (part == null) {
			throw ValidationErrors.single("file", LocalizedText.REQUIRED);
		}
		if (part.size() > this.context.settings().maxFileSize()) {
			Files.deleteIfExists(target);
			throw tooLarge();
		}
		Blob blob = storage.adopt(target);
		String partType = part.contentType();
		String key = this.context.store()
			.registerUpload(blob, part.fileName(), (partType != null) ? partType : "application/octet-stream");
		JsonResponses.write(request, response, 200, Json.object().put("fileKey", key));
	}

	private ApiException tooLarge() {
		return new ApiException(this.context.settings().fileTooLarge(), new ValidationErrors().add("file", TOO_LARGE));
	}

}
