package io.kintonemigrator.emulator.api;

/** A message in kintone's two emulated languages. */
public record LocalizedText(String ja, String en) {

	public static final LocalizedText REQUIRED = new LocalizedText("必須です。", "Required field.");

	public static final LocalizedText DUPLICATE = new LocalizedText("値がほかのレコードと重複しています。",
			"This value already exists in another record.");

	public static final LocalizedText NOT_A_NUMBER = new LocalizedText("数字でなければなりません。", "Enter a number.");

	public String in(Language language) {
		return (language == Language.EN) ? this.en : this.ja;
	}

	/** Both texts with {@code %s} placeholders filled in. */
	public LocalizedText formatted(Object... args) {
		return (args.length == 0) ? this
				: new LocalizedText(String.format(this.ja, args), String.format(this.en, args));
	}

}
