package io.kintonemigrator.emulator.seed;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.kintonemigrator.emulator.FieldSpec;
import io.kintonemigrator.emulator.model.FieldType;

import static io.kintonemigrator.emulator.seed.SeedFile.orEmpty;

/**
 * Turns one field of a seed file's {@code fields:} into a {@link FieldSpec}: a writable
 * type, {@code options} only for the four choice types, inner {@code fields} only for a
 * SUBTABLE, and whatever else the form's own checks reject, each as a one-line problem.
 */
final class FieldMapper {

	private static final Set<FieldType> OPTION_TYPES = Set.of(FieldType.DROP_DOWN, FieldType.RADIO_BUTTON,
			FieldType.CHECK_BOX, FieldType.MULTI_SELECT);

	private final SeedProblems problems;

	FieldMapper(SeedProblems problems) {
		this.problems = problems;
	}

	FieldSpec field(SeedDocument.Field doc, String at) {
		problems.require(doc.code(), at + ".code");
		problems.require(doc.type(), at + ".type");
		FieldType type = fieldType(doc.type(), at + ".type");
		List<String> options = orEmpty(doc.options());
		if (!options.isEmpty() && !OPTION_TYPES.contains(type)) {
			throw problems
				.problem("'" + at + ".options' only fits DROP_DOWN, RADIO_BUTTON, CHECK_BOX and MULTI_SELECT");
		}
		List<SeedDocument.Field> inner = orEmpty(doc.fields());
		if (!inner.isEmpty() && type != FieldType.SUBTABLE) {
			throw problems.problem("'" + at + ".fields' only fits a SUBTABLE");
		}
		String[] choices = options.toArray(String[]::new);
		FieldSpec spec = switch (type) {
			case DROP_DOWN -> FieldSpec.dropDown(doc.code(), choices);
			case RADIO_BUTTON -> FieldSpec.radioButton(doc.code(), choices);
			case CHECK_BOX -> FieldSpec.checkBox(doc.code(), choices);
			case MULTI_SELECT -> FieldSpec.multiSelect(doc.code(), choices);
			case SUBTABLE -> {
				FieldSpec[] specs = new FieldSpec[inner.size()];
				for (int i = 0; i < specs.length; i++) {
					specs[i] = field(inner.get(i), at + ".fields[" + i + "]");
				}
				yield FieldSpec.subtable(doc.code(), specs);
			}
			default -> FieldSpec.of(doc.code(), type);
		};
		if (doc.label() != null) {
			spec = spec.label(doc.label());
		}
		if (Boolean.TRUE.equals(doc.required())) {
			spec = spec.required();
		}
		if (Boolean.TRUE.equals(doc.unique())) {
			spec = spec.unique();
		}
		try {
			spec.toDefinition();
		}
		catch (IllegalArgumentException ex) {
			throw problems.problem("'" + at + "': " + ex.getMessage());
		}
		return spec;
	}

	private FieldType fieldType(String name, String at) {
		try {
			FieldType type = FieldType.valueOf(name);
			if (type.isWritable()) {
				return type;
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		String allowed = Arrays.stream(FieldType.values())
			.filter(FieldType::isWritable)
			.map(Enum::name)
			.collect(Collectors.joining(", "));
		throw problems.problem("'" + at + "' is '" + name + "'; use one of " + allowed);
	}

}
