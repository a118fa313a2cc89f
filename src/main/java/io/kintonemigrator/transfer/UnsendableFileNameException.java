package io.kintonemigrator.transfer;

/**
 * The file name holds a character that kintone's upload form cannot carry unchanged: a
 * double quote (sent as {@code %22}, as browsers do) or a control character (tab, line
 * break, ...; refused or altered). Uploading it would attach the file under another name,
 * so it is never sent; the message shows the name with such characters escaped.
 */
public class UnsendableFileNameException extends RuntimeException {

	UnsendableFileNameException(String name) {
		super("file name '" + printable(name) + "' has a character the upload form cannot carry unchanged"
				+ " (a double quote or a control character); rename the file in the source record and run the job again");
	}

	/** Whether {@code name} would reach kintone exactly as it is. */
	static boolean isSendable(String name) {
		return name.chars().noneMatch(c -> c == '"' || c < 0x20 || c == 0x7f);
	}

	/**
	 * The name with control characters as {@code \\uXXXX}, safe to print on a terminal or
	 * in a CSV.
	 */
	public static String printable(String name) {
		StringBuilder out = new StringBuilder(name.length());
		name.chars().forEach(c -> {
			if (c < 0x20 || c == 0x7f) {
				out.append(String.format("\\u%04x", c));
			}
			else {
				out.append((char) c);
			}
		});
		return out.toString();
	}

}
