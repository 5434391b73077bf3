-- At most one live (running or paused) job per list and install: a second job on the same
-- list would dial every number again. Jobs that were already doubled up before this rule
-- keep the oldest live one; the later ones are stopped (their calls in progress are still
-- followed to their outcome, and the numbers they had not dialled are the oldest job's to dial).
UPDATE dial_job
SET state = 'stopped', ended_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
WHERE state IN ('running', 'paused')
  AND EXISTS (
      SELECT 1 FROM dial_job older
      WHERE older.profile_id = dial_job.profile_id
        AND older.install_id = dial_job.install_id
        AND older.list_id = dial_job.list_id
        AND older.state IN ('running', 'paused')
        AND older.id < dial_job.id
  );

CREATE UNIQUE INDEX dial_job_one_live_per_list
    ON dial_job (profile_id, install_id, list_id)
    WHERE state IN ('running', 'paused');
