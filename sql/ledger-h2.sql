-- Attachment ledger of kintone-attachment-migrator (H2). Lives in the same database as Spring
-- Batch's job repository; applied at startup, safe to run again.

-- The attachment ledger: one row per source attachment, identified by what it is rather than where it sits: the source
-- cell (app, record, FILE field, subtable row id) and the file's name, size and OCCURRENCE (the
-- how-manieth file of that name and size in that cell, 0 for the first). A row is only taken as
-- done for the target app and field it names (TARGET_APP, TARGET_FIELD) and, for a skip, under
-- the job file it was skipped with (FINGERPRINT); see docs/reliability.md, "What the ledger proves".
--   INTENT   an update carrying this attachment was (maybe) sent to kintone; the row holds what a
--            restart needs to tell whether kintone applied it (base revision, the field's expected
--            files of this name and size and in all, the SHA-256 of the bytes sent)
--   ATTACHED the attachment is on its target record (committed with the reader's checkpoint)
--   SKIPPED  a permanent error for this attachment or its record; ERROR says why
CREATE TABLE IF NOT EXISTS KAM_LEDGER (
	JOB_NAME        VARCHAR(100)  NOT NULL,
	SOURCE_APP      BIGINT        NOT NULL,
	SOURCE_RECORD   BIGINT        NOT NULL,
	SOURCE_FIELD    VARCHAR(300)  NOT NULL,  -- the mapping's "from": FIELD or TABLE.FIELD
	SOURCE_ROW      VARCHAR(40)   NOT NULL,  -- subtable row id, '' at top level
	FILE_NAME       VARCHAR(1000) NOT NULL,
	FILE_SIZE       BIGINT        NOT NULL,
	OCCURRENCE      INT           NOT NULL,  -- among files of this name and size in the cell, from 0
	FILE_INDEX      INT           NOT NULL,  -- position of the file in its FILE value when last seen (reports)
	SOURCE_FILE_KEY VARCHAR(200),            -- the source's record fileKey when last seen
	SHA256          VARCHAR(64),
	TARGET_APP      VARCHAR(300),            -- base URL, app and guest space of the target; NULL: written before 2.0
	TARGET_RECORD   BIGINT,
	TARGET_FIELD    VARCHAR(300),
	BASE_REVISION   BIGINT,                  -- target revision the update was sent with
	EXPECTED_COUNT  INT,                     -- files of this name and size in TARGET_FIELD once applied
	EXPECTED_TOTAL  INT,                     -- files in TARGET_FIELD (all rows of a column) once applied
	UPLOAD_KEY      VARCHAR(200),
	UPLOADED_AT     TIMESTAMP WITH TIME ZONE,
	STATUS          VARCHAR(10)   NOT NULL,
	ATTEMPTS        INT           NOT NULL,
	ERROR           VARCHAR(2000),
	FINGERPRINT     VARCHAR(64),             -- the job file's fingerprint when the row was written
	CREATED_AT      TIMESTAMP WITH TIME ZONE NOT NULL,
	UPDATED_AT      TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT KAM_LEDGER_PK PRIMARY KEY (JOB_NAME, SOURCE_APP, SOURCE_RECORD, SOURCE_FIELD, SOURCE_ROW, FILE_NAME,
		FILE_SIZE, OCCURRENCE)
);

CREATE INDEX IF NOT EXISTS KAM_LEDGER_STATUS_IDX ON KAM_LEDGER (JOB_NAME, STATUS);

CREATE INDEX IF NOT EXISTS KAM_LEDGER_TARGET_IDX ON KAM_LEDGER (JOB_NAME, TARGET_RECORD);

-- The ledger of versions before 2.0 (KAM_ATTACHMENT, rows keyed by file position) is carried over
-- once and emptied; both statements are safe to run again.
CREATE TABLE IF NOT EXISTS KAM_ATTACHMENT (
	JOB_NAME        VARCHAR(100)  NOT NULL,
	SOURCE_APP      BIGINT        NOT NULL,
	SOURCE_RECORD   BIGINT        NOT NULL,
	SOURCE_FIELD    VARCHAR(300)  NOT NULL,
	SOURCE_ROW      VARCHAR(40)   NOT NULL,
	FILE_INDEX      INT           NOT NULL,
	FILE_NAME       VARCHAR(1000) NOT NULL,
	FILE_SIZE       BIGINT        NOT NULL,
	SHA256          VARCHAR(64),
	TARGET_RECORD   BIGINT,
	TARGET_FIELD    VARCHAR(300),
	BASE_REVISION   BIGINT,
	EXPECTED_COUNT  INT,
	UPLOAD_KEY      VARCHAR(200),
	UPLOADED_AT     TIMESTAMP WITH TIME ZONE,
	STATUS          VARCHAR(10)   NOT NULL,
	ATTEMPTS        INT           NOT NULL,
	ERROR           VARCHAR(2000),
	CREATED_AT      TIMESTAMP WITH TIME ZONE NOT NULL,
	UPDATED_AT      TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT KAM_ATTACHMENT_PK PRIMARY KEY (JOB_NAME, SOURCE_APP, SOURCE_RECORD, SOURCE_FIELD, SOURCE_ROW, FILE_INDEX)
);

INSERT INTO KAM_LEDGER (JOB_NAME, SOURCE_APP, SOURCE_RECORD, SOURCE_FIELD, SOURCE_ROW, FILE_NAME, FILE_SIZE, OCCURRENCE,
		FILE_INDEX, SHA256, TARGET_RECORD, TARGET_FIELD, BASE_REVISION, EXPECTED_COUNT, UPLOAD_KEY, UPLOADED_AT, STATUS,
		ATTEMPTS, ERROR, CREATED_AT, UPDATED_AT)
	SELECT OLD.JOB_NAME, OLD.SOURCE_APP, OLD.SOURCE_RECORD, OLD.SOURCE_FIELD, OLD.SOURCE_ROW, OLD.FILE_NAME, OLD.FILE_SIZE,
		OLD.OCCURRENCE, OLD.FILE_INDEX, OLD.SHA256, OLD.TARGET_RECORD, OLD.TARGET_FIELD, OLD.BASE_REVISION,
		OLD.EXPECTED_COUNT, OLD.UPLOAD_KEY, OLD.UPLOADED_AT, OLD.STATUS, OLD.ATTEMPTS, OLD.ERROR, OLD.CREATED_AT,
		OLD.UPDATED_AT
	FROM (SELECT A.*, ROW_NUMBER() OVER (PARTITION BY A.JOB_NAME, A.SOURCE_APP, A.SOURCE_RECORD, A.SOURCE_FIELD,
			A.SOURCE_ROW, A.FILE_NAME, A.FILE_SIZE ORDER BY A.FILE_INDEX) - 1 AS OCCURRENCE FROM KAM_ATTACHMENT A) OLD
	WHERE NOT EXISTS (SELECT 1 FROM KAM_LEDGER L WHERE L.JOB_NAME = OLD.JOB_NAME AND L.SOURCE_APP = OLD.SOURCE_APP
		AND L.SOURCE_RECORD = OLD.SOURCE_RECORD AND L.SOURCE_FIELD = OLD.SOURCE_FIELD AND L.SOURCE_ROW = OLD.SOURCE_ROW
		AND L.FILE_NAME = OLD.FILE_NAME AND L.FILE_SIZE = OLD.FILE_SIZE AND L.OCCURRENCE = OLD.OCCURRENCE);

DELETE FROM KAM_ATTACHMENT;

-- Requests sent per kintone app per kintone day, counted across runs so the job's
-- limits.dailyRequestBudget spans every run of a day. kintone's day runs from 09:00 to 08:59 JST;
-- KINTONE_DAY is the JST date on which it started. A request is counted (committed) before it is
-- sent, so a crash can only over-count.
CREATE TABLE IF NOT EXISTS KAM_API_USAGE (
	APP_KEY         VARCHAR(300)  NOT NULL,  -- host[:port]/app of the kintone app
	KINTONE_DAY     DATE          NOT NULL,
	REQUESTS        BIGINT        NOT NULL,
	UPDATED_AT      TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT KAM_API_USAGE_PK PRIMARY KEY (APP_KEY, KINTONE_DAY)
);

-- Watermark of incremental runs (migrate --since-last-run), one row per job:
--   WATERMARK       source records updated at or after it are migrated by the next incremental run:
--                   the start of the last COMPLETED run (taken before its first read) minus a margin
--                   for clock skew and kintone's minute precision of UPDATED_TIME
--   RUN_SINCE       the bound of the incremental run in progress (NULL: that run reads every record)
--   RUN_STARTED_AT  when the incremental run in progress started; NULL when none is in progress. A
--                   failed or crashed run resumes with the same RUN_SINCE and RUN_STARTED_AT
CREATE TABLE IF NOT EXISTS KAM_JOB_WATERMARK (
	JOB_NAME        VARCHAR(100) NOT NULL,
	WATERMARK       TIMESTAMP WITH TIME ZONE,
	RUN_SINCE       TIMESTAMP WITH TIME ZONE,
	RUN_STARTED_AT  TIMESTAMP WITH TIME ZONE,
	UPDATED_AT      TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT KAM_JOB_WATERMARK_PK PRIMARY KEY (JOB_NAME)
);

-- Who runs a job right now, so two processes (on one machine or many) never run it at once. The
-- holder renews HEARTBEAT_AT (database time) and BEAT; a holder whose heartbeat is older than the
-- lease, or a dead process on the same host, is replaced by the next run.
CREATE TABLE IF NOT EXISTS KAM_JOB_LOCK (
	JOB_NAME      VARCHAR(100) NOT NULL,
	OWNER         VARCHAR(100) NOT NULL,  -- random id of the holding process
	HOST          VARCHAR(255) NOT NULL,
	PID           BIGINT       NOT NULL,
	ACQUIRED_AT   TIMESTAMP WITH TIME ZONE NOT NULL,
	HEARTBEAT_AT  TIMESTAMP WITH TIME ZONE NOT NULL,
	BEAT          BIGINT       NOT NULL,
	CONSTRAINT KAM_JOB_LOCK_PK PRIMARY KEY (JOB_NAME)
);

-- Added later (so it is added to databases created before): the fingerprint of the job file
-- (JobConfig.fingerprint(): apps, match, mappings, query, onExisting) under which the watermark and
-- the run in progress were written. Under another fingerprint they do not hold: a changed job
-- file's next incremental run reads every record. NULL (a row from before): treated as changed.
ALTER TABLE KAM_JOB_WATERMARK ADD COLUMN IF NOT EXISTS JOB_FINGERPRINT VARCHAR(64);

-- Added later: where the holder's PID names one process (Linux boot id and pid namespace), so a
-- holder is taken for dead by its pid only from the same process space, never from another container
-- that has the same host name. NULL (unknown, or a row from before): only its heartbeat counts.
ALTER TABLE KAM_JOB_LOCK ADD COLUMN IF NOT EXISTS PROCESS_SPACE VARCHAR(300);
