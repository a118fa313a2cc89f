package io.kintonemigrator;

import java.util.Map;
import java.util.regex.Pattern;

import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.Column.Overflow;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command list of the top-level {@code --help}: each command with the first whole
 * sentence of its description, wrapped in its column (picocli's own list shows the first
 * description line, which may end mid-sentence).
 */
final class CommandSummaries implements IHelpSectionRenderer {

	/** A sentence ends with a period before the next one's capital letter. */
	private static final Pattern SENTENCE_END = Pattern.compile("(?<=\\.)\\s+(?=\\p{Lu})");

	@Override
	public String render(Help help) {
		Map<String, Help> commands = help.subcommands();
		if (commands.isEmpty()) {
			return "";
		}
		int nameWidth = commands.keySet().stream().mapToInt(String::length).max().orElse(0) + 4;
		int width = help.commandSpec().usageMessage().width();
		TextTable table = TextTable.forColumns(help.colorScheme(), new Column(nameWidth, 2, Overflow.SPAN),
				new Column(width - nameWidth, 1, Overflow.WRAP));
		table.setAdjustLineBreaksForWideCJKCharacters(
				help.commandSpec().usageMessage().adjustLineBreaksForWideCJKCharacters());
		commands.forEach((name, command) -> table.addRowValues(name, summary(command.commandSpec())));
		return table.toString();
	}

	/** The first sentence of a command's description (all of it when it has one). */
	static String summary(CommandSpec command) {
		String description = String.join(" ", command.usageMessage().description()).strip().replaceAll("\\s+", " ");
		return SENTENCE_END.split(description, 2)[0];
	}

}
