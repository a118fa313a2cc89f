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
 * {@link ApiUsageLedger} on {@code KAM_API_USAGE} (see {@code sql/ledger-*.sql}). With a
 * budget, a reservation reads the day's row {@code FOR UPDATE} and adds what the budget
 * still allows in the same transaction, so two threads or processes can never both take
 * the last requests of a budget; the day's row is inserted by its first reservation (a
 * concurrent first insert loses on the primary key and retries as an update).
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
	public long tryReserve(String appKey, LocalDate kintoneDay, long budget, long wanted) {
		if (budget < 0) {
			throw new IllegalArgumentException("budget must be 0 (none) or positive, was " + budget);
		}
		if (wanted < 1) {
			throw new IllegalArgumentException("wanted must be positive, was " + wanted);
		}
		try {
			return reserveOnce(appKey, kintoneDay, budget, wanted);
		}
		catch (DuplicateKeyException ex) {
			// another thread or process inserted the day's row first: now the update
			// finds it
			return reserveOnce(appKey, kintoneDay, budget, wanted);
		}
	}

	@Override
	public void release(String appKey, LocalDate kintoneDay, long count) {
		if (count <= 0) {
			return;
		}
		ownTransaction.executeWithoutResult(status -> jdbc.update(
				"UPDATE KAM_API_USAGE SET REQUESTS = CASE WHEN REQUESTS > ? THEN REQUESTS - ? ELSE 0 END, UPDATED_AT = ? "
						+ "WHERE APP_KEY = ? AND KINTONE_DAY = ?",
				count, count, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), appKey, kintoneDay));
	}

	/**
	 * Reads the day's count under a row lock ({@code FOR UPDATE}), so the grant computed
	 * from it is written before anyone else reads it; without a budget one increment
	 * needs no read.
	 */
	private long reserveOnce(String appKey, LocalDate kintoneDay, long budget, long wanted) {
		Long granted = ownTransaction.execute(status -> {
			OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
			if (budget == 0) {
				int updated = jdbc.update("UPDATE KAM_API_USAGE SET REQUESTS = REQUESTS + ?, UPDATED_AT = ? "
						+ "WHERE APP_KEY = ? AND KINTONE_DAY = ?", wanted, now, appKey, kintoneDay);
				if (updated == 0) {
					insert(appKey, kintoneDay, wanted, now);
				}
				return wanted;
			}
			List<Long> rows = jdbc.queryForList(
					"SELECT REQUESTS FROM KAM_API_USAGE WHERE APP_KEY = ? AND KINTONE_DAY = ? FOR UPDATE", Long.class,
					appKey, kintoneDay);
			if (rows.isEmpty()) {
				long grant = Math.min(wanted, budget);
				insert(appKey, kintoneDay, grant, now);
				return grant;
			}
			long grant = Math.max(0, Math.min(wanted, budget - rows.get(0)));
			if (grant > 0) {
				jdbc.update("UPDATE KAM_API_USAGE SET REQUESTS = REQUESTS + ?, UPDATED_AT = ? "
						+ "WHERE APP_KEY = ? AND KINTONE_DAY = ?", grant, now, appKey, kintoneDay);
			}
			return grant;
		});
		return granted == null ? 0 : granted;
	}

	private void insert(String appKey, LocalDate kintoneDay, long requests, OffsetDateTime now) {
		jdbc.update("INSERT INTO KAM_API_USAGE (APP_KEY, KINTONE_DAY, REQUESTS, UPDATED_AT) VALUES (?, ?, ?, ?)",
				appKey, kintoneDay, requests, now);
	}

	private @Nullable Long current(String appKey, LocalDate kintoneDay) {
		List<Long> rows = jdbc.queryForList("SELECT REQUESTS FROM KAM_API_USAGE WHERE APP_KEY = ? AND KINTONE_DAY = ?",
				Long.class, appKey, kintoneDay);
		return rows.isEmpty() ? null : rows.get(0);
	}

}
