package io.kintonemigrator.ledger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link ApiUsageLedger} on {@code KAM_API_USAGE} (see {@code sql/ledger-*.sql}). Counting is one
 * conditional {@code UPDATE ... SET REQUESTS = REQUESTS + 1 WHERE REQUESTS < budget}, so two
 * threads or processes can never both take the last request of a budget; the day's row is
 * inserted on its first request.
 */
public class JdbcApiUsageLedger implements ApiUsageLedger {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate ownTransaction;

	private final Clock clock;

	public JdbcApiUsageLedger(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	@Override
	public long requests(String appKey, LocalDate kintoneDay) {
		Long requests = ownTransaction.execute(status -> current(appKey, kintoneDay));
		return requests == null ? 0 : requests;
	}

	@Override
	public boolean tryCount(String appKey, LocalDate kintoneDay, long budget) {
		if (budget < 0) {
			throw new IllegalArgumentException("budget must be 0 (none) or positive, was " + budget);
		}
		try {
			return countOnce(appKey, kintoneDay, budget);
		}
		catch (DuplicateKeyException ex) {
			// another thread or process inserted the day's row first: now the update finds it
			return countOnce(appKey, kintoneDay, budget);
		}
	}

	private boolean countOnce(String appKey, LocalDate kintoneDay, long budget) {
		for (int attempt = 0; attempt < 100; attempt++) {
			Decision decision = ownTransaction.execute(status -> {
				OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
				int updated = jdbc.update("UPDATE KAM_API_USAGE SET REQUESTS = REQUESTS + 1, UPDATED_AT = ? "
						+ "WHERE APP_KEY = ? AND KINTONE_DAY = ? AND (? = 0 OR REQUESTS < ?)", now, appKey, kintoneDay,
						budget, budget);
				if (updated == 1) {
					return Decision.COUNTED;
				}
				Long current = current(appKey, kintoneDay);
				if (current == null) {
					jdbc.update("INSERT INTO KAM_API_USAGE (APP_KEY, KINTONE_DAY, REQUESTS, UPDATED_AT) VALUES (?, ?, 1, ?)",
							appKey, kintoneDay, now);
					return Decision.COUNTED;
				}
				// the row was committed by another transaction after our update looked: look again
				return budget != 0 && current >= budget ? Decision.REFUSED : Decision.AGAIN;
			});
			if (decision == Decision.COUNTED) {
				return true;
			}
			if (decision == Decision.REFUSED) {
				return false;
			}
		}
		throw new IllegalStateException("could not count a request for " + appKey + " in KAM_API_USAGE");
	}

	private enum Decision {

		COUNTED, REFUSED, AGAIN

	}

	private @Nullable Long current(String appKey, LocalDate kintoneDay) {
		List<Long> rows = jdbc.queryForList("SELECT REQUESTS FROM KAM_API_USAGE WHERE APP_KEY = ? AND KINTONE_DAY = ?",
				Long.class, appKey, kintoneDay);
		return rows.isEmpty() ? null : rows.get(0);
	}

}
