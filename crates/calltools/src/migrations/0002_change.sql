-- The change a check showed when it ran (against the DID's last check, or against the score
-- the platform held before the first one), kept so the history shows the same figure.
ALTER TABLE checks ADD COLUMN change INTEGER;
