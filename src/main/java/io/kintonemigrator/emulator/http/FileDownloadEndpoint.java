package io.kintonemigrator.emulator.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.kintonemigrator.emulator.api.ApiCall;
import io.kintonemigrator.emulator.api.ApiException;
import io.kintonemigrator.emulator.api.KintoneErrors;
import io.kintonemigrator.emulator.api.LocalizedText;
import io.kintonemigrator.emulator.api.ValidationErrors;
import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.emulator.store.AttachedFile;
import io.kintonemigrator.emulator.store.StoredFile;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET file.json?fileKey=} (kintone-api.md §1.2): streams the stored bytes with the
 * stored MIME type and a {@code Content-Length}. Upload keys and unknown keys are 404
 * {@code GAIA_BL01}.
 */
final class FileDownloadEndpoint {

	private static final int BUFFER = 64 * 1024;

	void handle(ApiCall call, HttpServletRequest request, HttpServletResponse response) throws IOException {
		String key = call.params().string("fileKey");
		if (key == null || key.isEmpty()) {
			throw ValidationErrors.single("fileKey", LocalizedText.REQUIRED);
		}
		AttachedFile attached = call.store().attachedFile(key);
		if (attached == null) {
			throw new ApiException(KintoneErrors.FILE_NOT_FOUND, key);
		}
		call.requireApp(attached.appId(), TokenPermission.VIEW);
		StoredFile file = attached.file();
		try (InputStream in = file.blob().open()) {
			RequestAccounting.beforeAnswer(request, 200);
			response.setStatus(200);
			response.setContentType(file.contentType());
			response.setContentLengthLong(file.size());
			OutputStream out = response.getOutputStream();
			byte[] buffer = new byte[BUFFER];
			for (int n; (n = in.read(buffer)) != -1;) {
				out.write(buffer, 0, n);
			}
		}
	}

}
