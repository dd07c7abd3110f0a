-- 004_year_trainees.sql - the trainees of each school year, for the
-- reports filtered by year (src/store_report.c).  "Trainees by region in
-- 2024/2025" counts the trainees enrolled in a cohort of that year, each
-- once: from the enrollments that meant a lookup of every one of some
-- 260,000 trainees (0.5 s on the 1,000,000-trainee demo); from this table
-- it is one range of its key.  Triggers keep it equal to
--   SELECT DISTINCT c.school_year, e.trainee_id FROM enrollment e
--     JOIN cohort c ON c.id = e.cohort_id WHERE c.school_year IS NOT NULL
-- with the trainee's region, gender and target group beside them;
-- `daftar check` compares the two.
CREATE TABLE trainee_year (
  school_year TEXT NOT NULL,
  trainee_id INTEGER NOT NULL,
  region_id INTEGER,
  gender TEXT,
  target_group TEXT,
  PRIMARY KEY (school_year, trainee_id)
) WITHOUT ROWID;
CREATE INDEX trainee_year_trainee ON trainee_year(trainee_id);

INSERT OR IGNORE INTO trainee_year
  SELECT c.school_year, t.id, t.region_id, t.gender, t.target_group
    FROM enrollment e JOIN cohort c ON c.id = e.cohort_id
    JOIN trainee t ON t.id = e.trainee_id
   WHERE c.school_year IS NOT NULL;

-- an enrollment adds its trainee to its cohort's year
CREATE TRIGGER trainee_year_enrol AFTER INSERT ON enrollment BEGIN
  INSERT OR IGNORE INTO trainee_year
    SELECT c.school_year, t.id, t.region_id, t.gender, t.target_group
      FROM cohort c, trainee t
     WHERE c.id = NEW.cohort_id AND t.id = NEW.trainee_id
       AND c.school_year IS NOT NULL;
END;

-- a removed enrollment removes the trainee from the year unless another
-- enrollment keeps them in it
CREATE TRIGGER trainee_year_unenrol AFTER DELETE ON enrollment BEGIN
  DELETE FROM trainee_year
   WHERE trainee_id = OLD.trainee_id
     AND school_year = (SELECT school_year FROM cohort WHERE id = OLD.cohort_id)
     AND NOT EXISTS (SELECT 1 FROM enrollment e JOIN cohort c ON c.id = e.cohort_id
                      WHERE e.trainee_id = OLD.trainee_id
                        AND c.school_year = trainee_year.school_year);
END;

-- an enrollment moved to another trainee or cohort: both of the above
CREATE TRIGGER trainee_year_move AFTER UPDATE OF trainee_id, cohort_id ON enrollment
BEGIN
  DELETE FROM trainee_year
   WHERE trainee_id = OLD.trainee_id
     AND school_year = (SELECT school_year FROM cohort WHERE id = OLD.cohort_id)
     AND NOT EXISTS (SELECT 1 FROM enrollment e JOIN cohort c ON c.id = e.cohort_id
                      WHERE e.trainee_id = OLD.trainee_id
                        AND c.school_year = trainee_year.school_year);
  INSERT OR IGNORE INTO trainee_year
    SELECT c.school_year, t.id, t.region_id, t.gender, t.target_group
      FROM cohort c, trainee t
     WHERE c.id = NEW.cohort_id AND t.id = NEW.trainee_id
       AND c.school_year IS NOT NULL;
END;

-- the trainee's own fields follow them
CREATE TRIGGER trainee_year_fields AFTER UPDATE OF region_id, gender, target_group
ON trainee BEGIN
  UPDATE trainee_year SET region_id = NEW.region_id, gender = NEW.gender,
         target_group = NEW.target_group
   WHERE trainee_id = NEW.id;
END;

-- a cohort moved to another school year takes its trainees along
CREATE TRIGGER trainee_year_cohort AFTER UPDATE OF school_year ON cohort BEGIN
  DELETE FROM trainee_year
   WHERE school_year = OLD.school_year
     AND trainee_id IN (SELECT trainee_id FROM enrollment WHERE cohort_id = NEW.id)
     AND NOT EXISTS (SELECT 1 FROM enrollment e JOIN cohort c ON c.id = e.cohort_id
                      WHERE e.trainee_id = trainee_year.trainee_id
                        AND c.school_year = OLD.school_year);
  INSERT OR IGNORE INTO trainee_year
    SELECT NEW.school_year, t.id, t.region_id, t.gender, t.target_group
      FROM enrollment e JOIN trainee t ON t.id = e.trainee_id
     WHERE e.cohort_id = NEW.id AND NEW.school_year IS NOT NULL;
END;
