package io.kintonemigrator.emulator.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

import io.kintonemigrator.emulator.api.ApiContext;
import io.kintonemigrator.emulator.api.ApiException;
import io.kintonemigrator.emulator.api.Json;
import io.kintonemigrator.emulator.api.LocalizedText;
import io.kintonemigrator.emulator.api.ValidationErrors;
import io.kintonemigrator.emulator.file.Blob;
import io.kintonemigrator.emulator.file.FileStorage;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

/**
 * {@code POST file.json} (kintone-api.md §1.1): one multipart part named {@code file}.
 * The servlet container spools the part to disk as it arrives (see the multipart config
 * in {@link EmulatorServer}); this endpoint then renames that file into blob storage, so
 * no upload is ever held in memory. Keeps the UTF-8 file name and the part's
 * {@code Content-Type}, and answers {@code {"fileKey":"<uuid>"}}.
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
		Part part = filePart(request);
		if (part.getSize() > this.context.settings().maxFileSize()) {
			part.delete();
			throw tooLarge();
		}
		FileStorage storage = this.context.store().fileStorage();
		Path target = storage.newBlobPath();
		// moves the spooled file (or writes a small in-memory part); the part then points
		// at the target, so
		// it must not be deleted, and the container no longer cleans it up
		part.write(target.toString());
		Blob blob = storage.adopt(target);
		String partType = part.getContentType();
		String key = this.context.store()
			.registerUpload(blob, fileName(part), (partType != null) ? partType : "application/octet-stream");
		JsonResponses.write(request, response, 200, Json.object().put("fileKey", key));
	}

	private Part filePart(HttpServletRequest request) throws IOException {
		Part part;
		try {
			part = request.getPart("file");
		}
		catch (ServletException | IllegalStateException ex) {
			throw ValidationErrors.single("file", LocalizedText.REQUIRED);
		}
		if (part == null || part.getSubmittedFileName() == null) {
			throw ValidationErrors.single("file", LocalizedText.REQUIRED);
		}
		return part;
	}

	private ApiException tooLarge() {
		return new ApiException(this.context.settings().fileTooLarge(), new ValidationErrors().add("file", TOO_LARGE));
	}

	/**
	 * The submitted file name as the client's UTF-8 bytes mean it. Should the container
	 * have decoded the header as ISO-8859-1, the original bytes are recovered from it.
	 */
	static String fileName(Part part) {
		String name = part.getSubmittedFileName();
		boolean latin1Only = name.chars().allMatch((c) -> c < 0x100);
		if (latin1Only && name.chars().anyMatch((c) -> c >= 0x80)) {
			String recoded = new String(name.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
			if (!recoded.contains("\uFFFD")) {
				return recoded;
			}
		}
		return name;
	}

}
