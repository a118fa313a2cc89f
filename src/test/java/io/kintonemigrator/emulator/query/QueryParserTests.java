package io.kintonemigrator.emulator.query;

import java.util.List;

import io.kintonemigrator.emulator.query.Expression.And;
import io.kintonemigrator.emulator.query.Expression.Condition;
import io.kintonemigrator.emulator.query.Expression.Or;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.kintonemigrator.emulator.query.Queries.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

class QueryParserTests {

	private static final Condition A = new Condition("a", Operator.EQUAL, List.of(new Operand.Number("1")));

	private static final Condition B = new Condition("b", Operator.EQUAL, List.of(new Operand.Number("2")));

	private static final Condition C = new Condition("c", Operator.EQUAL, List.of(new Operand.Number("3")));

	@Test
	void andBindsTighterThanOr() {
		assertThat(QueryParser.parse("a = 1 or b = 2 and c = 3").filter()).isEqualTo(new Or(A, new And(B, C)));
		assertThat(QueryParser.parse("a = 1 and b = 2 or c = 3").filter()).isEqualTo(new Or(new And(A, B), C));
	}

	@Test
	void parenthesesGroup() {
		assertThat(QueryParser.parse("(a = 1 or b = 2) and c = 3").filter()).isEqualTo(new And(new Or(A, B), C));
		assertThat(QueryParser.parse("((a = 1))").filter()).isEqualTo(A);
	}

	@Test
	void keywordsAreCaseInsensitive() {
		assertThat(QueryParser.parse("a = 1 OR b = 2 AND c = 3").filter()).isEqualTo(new Or(A, new And(B, C)));
		QueryAst ast = QueryParser.parse("a NOT IN (1) ORDER BY a DESC LIMIT 5 OFFSET 2");
		assertThat(ast.filter()).isEqualTo(new Condition("a", Operator.NOT_IN, List.of(new Operand.Number("1"))));
		assertThat(ast.orderBy()).containsExactly(new QueryAst.SortKey("a", true));
		assertThat(ast.limit().text()).isEqualTo("5");
		assertThat(ast.offset().text()).isEqualTo("2");
	}

	@Test
	void readsEveryOperatorForm() {
		assertThat(condition("f in (\"x\", 2, LOGINUSER())").operands()).containsExactly(new Operand.Text("x"),
				new Operand.Number("2"), new Operand.Call("LOGINUSER", List.of()));
		assertThat(condition("f not like \"x\"").operator()).isEqualTo(Operator.NOT_LIKE);
		assertThat(condition("f like \"x\"").operator()).isEqualTo(Operator.LIKE);
		assertThat(condition("f is empty")).isEqualTo(new Condition("f", Operator.IS_EMPTY, List.of()));
		assertThat(condition("f is not empty").operator()).isEqualTo(Operator.IS_NOT_EMPTY);
		assertThat(condition("f < FROM_TODAY(-7, DAYS)").operands()).containsExactly(
				new Operand.Call("FROM_TODAY", List.of(new Operand.Number("-7"), new Operand.Symbol("DAYS"))));
	}

	@Test
	void readsOptionsWithoutFilterAndLimitOffsetInEitherOrder() {
		QueryAst ast = QueryParser.parse("order by a asc, b desc, c offset 10 limit 20");
		assertThat(ast.filter()).isNull();
		assertThat(ast.orderBy()).containsExactly(new QueryAst.SortKey("a", false), new QueryAst.SortKey("b", true),
				new QueryAst.SortKey("c", false));
		assertThat(ast.limit().text()).isEqualTo("20");
		assertThat(ast.offset().text()).isEqualTo("10");
		assertThat(QueryParser.parse("limit 1").limit().text()).isEqualTo("1");
	}

	@Test
	void blankQueryHasNothing() {
		QueryAst ast = QueryParser.parse(" \t\n");
		assertThat(ast.filter()).isNull();
		assertThat(ast.orderBy()).isEmpty();
		assertThat(ast.limit()).isNull();
		assertThat(ast.offset()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "a =", "= 1", "a = 1 and", "a = 1 or or b = 2", "(a = 1", "a = 1)", "a = b",
			"a in ()", "a in (1,)", "a in 1", "a not = 1", "a is", "a is null", "a is not", "a not is empty",
			"a like (\"x\")", "a = UNKNOWN()", "a = TODAY", "a = today()", "a = FROM_TODAY(TODAY(), DAYS)",
			"a = 1 b = 2", "a == 1", "order a", "order by", "order by a,", "a = 1 limit", "limit 1 limit 2",
			"offset 1 offset 2", "limit 5 order by a", "a = 1 order by a limit 5 and b = 2", "and = 1",
			"a = 1 order by a asc desc" })
	void rejectsMalformedQueriesWithKintonesSyntaxError(String query) {
		failsWith("CB_VA01", () -> QueryParser.parse(query));
	}

	private static Condition condition(String query) {
		return (Condition) QueryParser.parse(query).filter();
	}

}
