package io.kintonemigrator.emulator.query;

import java.util.List;

/**
 * The right-hand side of a condition (or one element of an {@code in} list, or a function
 * argument).
 */
sealed interface Operand {

	/** The operand as written, for error messages. */
	String display();

	/** A double-quoted string literal, unescaped. */
	record Text(String value) implements Operand {

		@Override
		public String display() {
			return this.value;
		}

	}

	/** A number literal as written, e.g. {@code -1.5}. */
	record Number(String value) implements Operand {

		@Override
		public String display() {
			return this.value;
		}

	}

	/**
	 * A bare word that is only allowed as a function argument, e.g. {@code DAYS},
	 * {@code MONDAY}, {@code LAST}.
	 */
	record Symbol(String name) implements Operand {

		@Override
		public String display() {
			return this.name;
		}

	}

	/** A function call such as {@code FROM_TODAY(-7, DAYS)}. */
	record Call(String function, List<Operand> arguments) implements Operand {

		public Call {
			arguments = List.copyOf(arguments);
		}

		@Override
		public String display() {
			return this.function + "()";
		}

	}

}
