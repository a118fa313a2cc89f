package io.kintonemigrator.emulator.api;

/**
 * The kintone errors the emulator answers with (kintone-api.md §8.2). Messages as kintone
 * words them.
 */
public final class KintoneErrors {

	public static final ErrorSpec INVALID_INPUT = new ErrorSpec("CB_VA01", 400, "入力内容が正しくありません。",
			"Missing or invalid input.");

	public static final ErrorSpec INVALID_JSON = new ErrorSpec("CB_IJ01", 400, "不正なJSON文字列です。", "Invalid JSON string.");

	public static final ErrorSpec ILLEGAL_REQUEST = legacy(
			new ErrorSpec("CB_IL02", 400, "不正なリクエストです。", "Illegal request."));

	public static final ErrorSpec NOT_AUTHENTICATED = new ErrorSpec("CB_AU01", 401, "ログインしてください。", "Please login.");

	public static final ErrorSpec PASSWORD_FAILED = new ErrorSpec("CB_WA01", 401, "パスワード認証に失敗しました。",
			"Password authentication failed.");

	public static final ErrorSpec NO_PRIVILEGE = new ErrorSpec("CB_NO02", 403, "権限がありません。", "No privilege to proceed.");

	public static final ErrorSpec TOKEN_MISMATCH = legacy(
			new ErrorSpec("GAIA_IA02", 400, "指定したAPIトークンが、アプリで生成されたAPIトークンと一致しません。",
					"The specified API token does not match the API token generated via an app."));

	public static final ErrorSpec DUPLICATE_TOKEN = new ErrorSpec("GAIA_DA03", 400, "同じアプリのAPIトークンを重複して指定することはできません。",
			"You cannot specify a duplicate API token for the same app.");

	public static final ErrorSpec TOKEN_NOT_PERMITTED = new ErrorSpec("GAIA_NO01", 403, "このAPIトークンでは、指定したAPIを実行できません。",
			"Using this API token, you cannot run the specified API.");

	public static final ErrorSpec APP_NOT_FOUND = new ErrorSpec("GAIA_AP01", 404,
			"指定したアプリ（id: %s）が見つかりません。削除されている可能性があります。", "The app (ID: %s) not found. The app may have been deleted.");

	public static final ErrorSpec RECORD_NOT_FOUND = new ErrorSpec("GAIA_RE01", 404, "指定したレコード（id: %s）が見つかりません。",
			"The specified record (ID: %s) is not found.");

	/**
	 * Status UNCONFIRMED (third-party mocks use 404 and 400); configurable, default 404.
	 */
	public static final ErrorSpec UPDATE_KEY_NOT_FOUND = new ErrorSpec("GAIA_RE20", 404, "指定したキー（%s）に該当するレコードが見つかりません。",
			"No record matches the specified key (%s).");

	public static final ErrorSpec FILE_NOT_FOUND = new ErrorSpec("GAIA_BL01", 404, "指定したファイル（id: %s）が見つかりません。",
			"The specified file (id: %s) not found.");

	/** Status UNCONFIRMED; configurable, default 400. */
	public static final ErrorSpec INVALID_FILE_KEY = new ErrorSpec("GAIA_IF02", 400, "fileKeyパラメーター（%s）の形式が不正です。",
			"fileKey parameter (%s) format invalid.");

	public static final ErrorSpec REVISION_CONFLICT = new ErrorSpec("GAIA_CO02", 409,
			"指定したrevisionは最新ではありません。ほかのユーザーがレコードを更新した可能性があります。",
			"The revision is not the latest. Someone may update a record.");

	public static final ErrorSpec DATABASE_LOCKED = legacy(
			new ErrorSpec("GAIA_DA02", 400, "データベースのロックに失敗したため、変更を保存できませんでした。時間をおいて再度お試しください。",
					"Failed to lock the database, so the changes could not be saved. Please try again later."));

	public static final ErrorSpec LIMIT_TOO_LARGE = new ErrorSpec("GAIA_QU01", 400, "limit には 500 以下の値を指定してください。",
			"Specify a value of 500 or less for limit.");

	public static final ErrorSpec OFFSET_TOO_LARGE = new ErrorSpec("GAIA_QU02", 400, "offset には 10,000 以下の値を指定してください。",
			"Specify a value of 10,000 or less for offset.");

	public static final ErrorSpec TOO_MANY_CONCURRENT_REQUESTS = new ErrorSpec("GAIA_TO04", 429,
			"APIの同時リクエスト数が上限を超えています。", "The number of concurrent API requests exceeds the limit.");

	public static final ErrorSpec TOO_MANY_CURSORS = new ErrorSpec("GAIA_TM12", 429,
			"作成できるカーソルの上限に達しているため、カーソルを作成できません。不要なカーソルを削除するか、しばらく経ってから再実行してください。",
			"The cursor could not be created because the maximum number of cursors has been reached. Delete unneeded cursors or try again later.");

	public static final ErrorSpec CURSOR_NOT_FOUND = new ErrorSpec("GAIA_CN01", 404, "指定したカーソルは存在しないか、既に有効期限が切れています。",
			"The specified cursor does not exist or has expired.");

	public static final ErrorSpec GUEST_SPACE_PATH_REQUIRED = legacy(
			new ErrorSpec("GAIA_IL23", 400, "ゲストスペース内のアプリを操作する場合は、リクエストのURLにゲストスペースのIDを指定してください。",
					"To operate an app in a guest space, specify the guest space ID in the request URL."));

	private KintoneErrors() {
	}

	private static ErrorSpec legacy(ErrorSpec spec) {
		return new ErrorSpec(spec.code(), spec.status(), spec.message(), true);
	}

}
