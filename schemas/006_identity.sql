-- 006_identity.sql - record identity (issue 13).
--
-- Record ids are never reused: every entity table is rebuilt with
-- INTEGER PRIMARY KEY AUTOINCREMENT (SQLite can only add it by making the
-- table again: the 12-step procedure of lang_altertable.html, run by the
-- store with foreign keys off and checked with foreign_key_check before it
-- commits), rows, ids and every index and trigger of 001-005 kept.  The
-- highest id each table has ever used, the audit included (a deleted
-- newest record), seeds sqlite_sequence, so even an id freed before this
-- upgrade is not handed out again.
--
-- Every record gets a global id, gid: 128 bits, 122 of them random, in the
-- form of a UUID version 4 (xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx, lower
-- case), assigned at insert by the column's DEFAULT (so every way in, the
-- sqlite3 shell too, gets one; the program's bulk inserts make it in C),
-- unique (index <table>_gid), and never changed (a trigger refuses an
-- UPDATE of it).  The random bits are six random() calls (the ChaCha20
-- generator SQLite seeds from /dev/urandom) put together by one printf: a
-- third of the time of the same from randomblob(), hex() and substr().
-- Exports write it, imports accept it; registers of different servers can
-- be put together without two records sharing one.
--
-- Made again anyway, the tables lose three CHECK (... IN (...)) lists that
-- 008 turns into reference lists supervisors can extend: the target group
-- of trainees and cohorts and the outcome of enrollments (their values
-- stay checked against meta_choice by the form and the import).
--
-- The audit gains the gid of the record each row is about (rows of an id
-- that was deleted and reused before this upgrade get the gid of the
-- record they were really about: a fresh one for each earlier life), the
-- actions "merge" and "restore", and an index of the deletes (the
-- deleted-records screen, restore).

-- the year summary's triggers read the tables rebuilt here: dropped first,
-- made again as 004 made them at the end
DROP TRIGGER IF EXISTS trainee_year_enrol;
DROP TRIGGER IF EXISTS trainee_year_unenrol;
DROP TRIGGER IF EXISTS trainee_year_move;
DROP TRIGGER IF EXISTS trainee_year_fields;
DROP TRIGGER IF EXISTS trainee_year_cohort;

-- Each table: made again as 001 made it, with AUTOINCREMENT and gid (its
-- DEFAULT is the UUID v4 expression, spelled out in each table because a
-- DEFAULT can call functions but not share them); rows copied with their
-- ids (each gets a gid from the DEFAULT); the old table dropped, the new
-- one renamed.  Indexes and triggers follow all the tables.

-- ---- region
CREATE TABLE region_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  gid TEXT NOT NULL DEFAULT (printf('%08x-%04x-4%03x-%x%03x-%012x',
    random() & 4294967295, random() & 65535, random() & 4095,
    8 + (random() & 3), random() & 4095, random() & 281474976710655)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  code INTEGER NOT NULL UNIQUE CHECK (code BETWEEN 1 AND 99),
  name_ar TEXT NOT NULL CHECK (name_ar <> ''),
  name_fr TEXT NOT NULL CHECK (name_fr <> '')
);
INSERT INTO region_new(id, version, created_at, created_by, updated_at,
    updated_by, search_key, code, name_ar, name_fr)
  SELECT id, version, created_at, created_by, updated_at, updated_by,
    search_key, code, name_ar, name_fr
  FROM region ORDER BY id;
DROP TABLE region;
ALTER TABLE region_new RENAME TO region;

-- ---- partner
CREATE TABLE partner_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  gid TEXT NOT NULL DEFAULT (printf('%08x-%04x-4%03x-%x%03x-%012x',
    random() & 4294967295, random() & 65535, random() & 4095,
    8 + (random() & 3), random() & 4095, random() & 281474976710655)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  name_ar TEXT NOT NULL CHECK (name_ar <> ''),
  name_fr TEXT,
  acronym TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('ministry','chamber','academy','office',
    'university','province','commune','association','donor','company')),
  region_id INTEGER REFERENCES region(id),
  city TEXT,
  phone TEXT,
  email TEXT,
  notes TEXT
);
INSERT INTO partner_new(id, version, created_at, created_by, updated_at,
    updated_by, search_key, name_ar, name_fr, acronym, kind, region_id, city,
    phone, email, notes)
  SELECT id, version, created_at, created_by, updated_at, updated_by,
    search_key, name_ar, name_fr, acronym, kind, region_id, city, phone,
    email, notes
  FROM partner ORDER BY id;
DROP TABLE partner;
ALTER TABLE partner_new RENAME TO partner;

-- ---- person
CREATE TABLE person_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  gid TEXT NOT NULL DEFAULT (printf('%08x-%04x-4%03x-%x%03x-%012x',
    random() & 4294967295, random() & 65535, random() & 4095,
    8 + (random() & 3), random() & 4095, random() & 281474976710655)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  name_ar TEXT NOT NULL CHECK (name_ar <> ''),
  name_latin TEXT,
  title TEXT,
  partner_id INTEGER REFERENCES partner(id),
  phone TEXT,
  email TEXT,
  notes TEXT
);
INSERT INTO person_new(id, version, created_at, created_by, updated_at,
    updated_by, search_key, name_ar, name_latin, title, partner_id, phone,
    email, notes)
  SELECT id, version, created_at, created_by, updated_at, updated_by,
    search_key, name_ar, name_latin, title, partner_id, phone, email, notes
  FROM person ORDER BY id;
DROP TABLE person;
ALTER TABLE person_new RENAME TO person;

-- ---- programme
CREATE TABLE programme_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  gid TEXT NOT NULL DEFAULT (printf('%08x-%04x-4%03x-%x%03x-%012x',
    random() & 4294967295, random() & 65535, random() & 4095,
    8 + (random() & 3), random() & 4095, random() & 281474976710655)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  name_ar TEXT NOT NULL CHECK (name_ar <> ''),
  name_fr TEXT,
  sponsor_id INTEGER REFERENCES partner(id),
  description TEXT
);
INSERT INTO programme_new(id, version, created_at, created_by, updated_at,
    updated_by, search_key, name_ar, name_fr, sponsor_id, description)
  SELECT id, version, created_at, created_by, updated_at, updated_by,
    search_key, name_ar, name_fr, sponsor_id, description
  FROM programme ORDER BY id;
DROP TABLE programme;
ALTER TABLE programme_new RENAME TO programme;

-- ---- institution
CREATE TABLE institution_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  gid TEXT NOT NULL DEFAULT (printf('%08x-%04x-4%03x-%x%03x-%012x',
    random() & 4294967295, random() & 65535, random() & 4095,
    8 + (random() & 3), random() & 4095, random() & 281474976710655)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  name_ar TEXT NOT NULL CHECK (name_ar <> ''),
  name_fr TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('institute','centre','school','cfa','second_chance')),
  sector TEXT CHECK (sector IN ('crafts','digital','audiovisual','construction',
    'tourism','agriculture','industry','services')),
  partner_id INTEGER REFERENCES partner(id),
  city TEXT,
  region_id INTEGER REFERENCES region(id),
  capacity INTEGER CHECK (capacity >= 0),
  phone TEXT,
  notes TEXT
);
INSERT INTO institution_new(id, version, created_at, created_by, updated_at,
    updated_by, search_key, name_ar, name_fr, kind, sector, partner_id, city,
    region_id, capacity, phone, notes)
  SELECT id, version, created_at, created_by, updated_at, updated_by,
    search_key, name_ar, name_fr, kind, sector, partner_id, city, region_id,
    capacity, phone, notes
  FROM institution ORDER BY id;
DROP TABLE institution;
ALTER TABLE institution_new RENAME TO institution;

-- ---- specialty
CREATE TABLE specialty_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  gid TEXT NOT NULL DEFAULT (printf('%08x-%04x-4%03x-%x%03x-%012x',
    random() & 4294967295, random() & 65535, random() & 4095,
    8 + (random() & 3), random() & 4095, random() & 281474976710655)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  name_ar TEXT NOT NULL CHECK (name_ar <> ''),
  name_fr TEXT,
  sector TEXT CHECK (sector IN ('crafts','digital','audiovisual','construction',
    'tourism','agriculture','industry','services')),
  level TEXT CHECK (level IN ('initiation','qualification','technician','specialised')),
  duration_months INTEGER CHECK (duration_months BETWEEN 1 AND 60)
);
INSERT INTO specialty_new(id, version, created_at, created_by, updated_at,
    updated_by, search_key, name_ar, name_fr, sector, level, duration_months)
  SELECT id, version, created_at, created_by, updated_at, updated_by,
    search_key, name_ar, name_fr, sector, level, duration_months
  FROM specialty ORDER BY id;
DROP TABLE specialty;
ALTER TABLE specialty_new RENAME TO specialty;

-- ---- agreement
CREATE TABLE agreement_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  gid TEXT NOT NULL DEFAULT (printf('%08x-%04x-4%03x-%x%03x-%012x',
    random() & 4294967295, random() & 65535, random() & 4095,
    8 + (random() & 3), random() & 4095, random() & 281474976710655)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  reference TEXT NOT NULL UNIQUE CHECK (reference <> ''),
  title TEXT NOT NULL CHECK (title <> ''),
  kind TEXT NOT NULL CHECK (kind IN ('framework','specific','partnership')),
  parent_id INTEGER REFERENCES agreement(id),
  programme_id INTEGER REFERENCES programme(id),
  object TEXT,
  signed_on TEXT CHECK (signed_on IS NULL OR date(signed_on) = signed_on),
  signed_at TEXT,
  region_id INTEGER REFERENCES region(id),
  status TEXT NOT NULL CHECK (status IN ('draft','signed','in_force','completed','terminated')),
  start_date TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
  end_date TEXT CHECK (end_date IS NULL OR date(end_date) = end_date),
  joint_committee INTEGER NOT NULL DEFAULT 0 CHECK (joint_committee IN (0,1)),
  school_year TEXT CHECK (school_year IS NULL OR school_year GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9][0-9][0-9]'),
  target_beneficiaries INTEGER CHECK (target_beneficiaries >= 0),
  notes TEXT,
  CONSTRAINT parent_only_for_specific CHECK (parent_id IS NULL OR kind = 'specific'),
  CONSTRAINT end_after_start CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);
INSERT INTO agreement_new(id, version, created_at, created_by, updated_at,
    updated_by, search_key, reference, title, kind, parent_id, programme_id,
    object, signed_on, signed_at, region_id, status, start_date, end_date,
    joint_committee, school_year, target_beneficiaries, notes)
  SELECT id, version, created_at, created_by, updated_at, updated_by,
    search_key, reference, title, kind, parent_id, programme_id, object,
    signed_on, signed_at, region_id, status, start_date, end_date,
    joint_committee, school_year, target_beneficiaries, notes
  FROM agreement ORDER BY id;
DROP TABLE agreement;
ALTER TABLE agreement_new RENAME TO agreement;

-- ---- agreement_party
CREATE TABLE agreement_party_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  gid TEXT NOT NULL DEFAULT (printf('%08x-%04x-4%03x-%x%03x-%012x',
    random() & 4294967295, random() & 65535, random() & 4095,
    8 + (random() & 3), random() & 4095, random() & 281474976710655)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  agreement_id INTEGER NOT NULL REFERENCES agreement(id),
  partner_id INTEGER NOT NULL REFERENCES partner(id),
  person_id INTEGER REFERENCES person(id),
  role TEXT NOT NULL CHECK (role IN ('signatory','funder','implementer','supervisor','partner')),
  UNIQUE (agreement_id, partner_id)
);
INSERT INTO agreement_party_new(id, version, created_at, created_by,
    updated_at, updated_by, search_key, agreement_id, partner_id, person_id,
    role)
  SELECT id, version, created_at, created_by, updated_at, updated_by,
    search_key, agreement_id, partner_id, person_id, role
  FROM agreement_party ORDER BY id;
DROP TABLE agreement_party;
ALTER TABLE agreement_party_new RENAME TO agreement_party;

-- ---- cohort
CREATE TABLE cohort_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  gid TEXT NOT NULL DEFAULT (printf('%08x-%04x-4%03x-%x%03x-%012x',
    random() & 4294967295, random() & 65535, random() & 4095,
    8 + (random() & 3), random() & 4095, random() & 281474976710655)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  code TEXT NOT NULL UNIQUE CHECK (code <> ''),
  institution_id INTEGER NOT NULL REFERENCES institution(id),
  specialty_id INTEGER NOT NULL REFERENCES specialty(id),
  programme_id INTEGER REFERENCES programme(id),
  agreement_id INTEGER REFERENCES agreement(id),
  school_year TEXT NOT NULL CHECK (school_year GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9][0-9][0-9]'),
  start_date TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
  end_date TEXT CHECK (end_date IS NULL OR date(end_date) = end_date),
  capacity INTEGER CHECK (capacity >= 0),
  target_group TEXT,          -- no CHECK: a list supervisors edit (008)
  notes TEXT,
  CONSTRAINT end_after_start CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);
INSERT INTO cohort_new(id, version, created_at, created_by, updated_at,
    updated_by, search_key, code, institution_id, specialty_id, programme_id,
    agreement_id, school_year, start_date, end_date, capacity, target_group,
    notes)
  SELECT id, version, created_at, created_by, updated_at, updated_by,
    search_key, code, institution_id, specialty_id, programme_id,
    agreement_id, school_year, start_date, end_date, capacity, target_group,
    notes
  FROM cohort ORDER BY id;
DROP TABLE cohort;
ALTER TABLE cohort_new RENAME TO cohort;

-- ---- trainee
CREATE TABLE trainee_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  gid TEXT NOT NULL DEFAULT (printf('%08x-%04x-4%03x-%x%03x-%012x',
    random() & 4294967295, random() & 65535, random() & 4095,
    8 + (random() & 3), random() & 4095, random() & 281474976710655)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  name_ar TEXT NOT NULL CHECK (name_ar <> ''),
  name_latin TEXT,
  gender TEXT NOT NULL CHECK (gender IN ('F','M')),
  birth_date TEXT CHECK (birth_date IS NULL OR date(birth_date) = birth_date),
  cin TEXT UNIQUE,
  massar TEXT UNIQUE,
  phone TEXT,
  city TEXT,
  region_id INTEGER REFERENCES region(id),
  target_group TEXT,          -- no CHECK: a list supervisors edit (008)
  notes TEXT
);
INSERT INTO trainee_new(id, version, created_at, created_by, updated_at,
    updated_by, search_key, name_ar, name_latin, gender, birth_date, cin,
    massar, phone, city, region_id, target_group, notes)
  SELECT id, version, created_at, created_by, updated_at, updated_by,
    search_key, name_ar, name_latin, gender, birth_date, cin, massar, phone,
    city, region_id, target_group, notes
  FROM trainee ORDER BY id;
DROP TABLE trainee;
ALTER TABLE trainee_new RENAME TO trainee;

-- ---- enrollment
CREATE TABLE enrollment_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  gid TEXT NOT NULL DEFAULT (printf('%08x-%04x-4%03x-%x%03x-%012x',
    random() & 4294967295, random() & 65535, random() & 4095,
    8 + (random() & 3), random() & 4095, random() & 281474976710655)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  trainee_id INTEGER NOT NULL REFERENCES trainee(id),
  cohort_id INTEGER NOT NULL REFERENCES cohort(id),
  status TEXT NOT NULL CHECK (status IN ('enrolled','active','dropped_out','completed','certified')),
  enrolled_on TEXT CHECK (enrolled_on IS NULL OR date(enrolled_on) = enrolled_on),
  status_date TEXT CHECK (status_date IS NULL OR date(status_date) = status_date),
  drop_reason TEXT,
  outcome TEXT,               -- no CHECK: a list supervisors edit (008)
  notes TEXT,
  UNIQUE (trainee_id, cohort_id),
  CONSTRAINT dropout_needs_date_and_reason CHECK (status <> 'dropped_out' OR
    (status_date IS NOT NULL AND drop_reason IS NOT NULL AND drop_reason <> '')),
  CONSTRAINT completion_needs_outcome CHECK (status NOT IN ('completed','certified') OR outcome IS NOT NULL)
);
INSERT INTO enrollment_new(id, version, created_at, created_by, updated_at,
    updated_by, search_key, trainee_id, cohort_id, status, enrolled_on,
    status_date, drop_reason, outcome, notes)
  SELECT id, version, created_at, created_by, updated_at, updated_by,
    search_key, trainee_id, cohort_id, status, enrolled_on, status_date,
    drop_reason, outcome, notes
  FROM enrollment ORDER BY id;
DROP TABLE enrollment;
ALTER TABLE enrollment_new RENAME TO enrollment;

-- ---- event
CREATE TABLE event_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  gid TEXT NOT NULL DEFAULT (printf('%08x-%04x-4%03x-%x%03x-%012x',
    random() & 4294967295, random() & 65535, random() & 4095,
    8 + (random() & 3), random() & 4095, random() & 281474976710655)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  title TEXT NOT NULL CHECK (title <> ''),
  kind TEXT NOT NULL CHECK (kind IN ('signing','open_day','seminar','launch',
    'inauguration','award','other')),
  event_date TEXT NOT NULL CHECK (date(event_date) = event_date),
  place TEXT,
  city TEXT,
  institution_id INTEGER REFERENCES institution(id),
  organiser_id INTEGER REFERENCES partner(id),
  agreement_id INTEGER REFERENCES agreement(id),
  programme_id INTEGER REFERENCES programme(id),
  participants INTEGER CHECK (participants >= 0),
  notes TEXT
);
INSERT INTO event_new(id, version, created_at, created_by, updated_at,
    updated_by, search_key, title, kind, event_date, place, city,
    institution_id, organiser_id, agreement_id, programme_id, participants,
    notes)
  SELECT id, version, created_at, created_by, updated_at, updated_by,
    search_key, title, kind, event_date, place, city, institution_id,
    organiser_id, agreement_id, programme_id, participants, notes
  FROM event ORDER BY id;
DROP TABLE event;
ALTER TABLE event_new RENAME TO event;

-- ---- the global id is unique (an index of its own, not a column
-- constraint, so that an import into a small table can drop it and build
-- it once at the end, like the other indexes: a million random keys put
-- in one at a time cost more than the rest of the row) and never changes
CREATE UNIQUE INDEX region_gid ON region(gid);
CREATE UNIQUE INDEX partner_gid ON partner(gid);
CREATE UNIQUE INDEX person_gid ON person(gid);
CREATE UNIQUE INDEX programme_gid ON programme(gid);
CREATE UNIQUE INDEX institution_gid ON institution(gid);
CREATE UNIQUE INDEX specialty_gid ON specialty(gid);
CREATE UNIQUE INDEX agreement_gid ON agreement(gid);
CREATE UNIQUE INDEX agreement_party_gid ON agreement_party(gid);
CREATE UNIQUE INDEX cohort_gid ON cohort(gid);
CREATE UNIQUE INDEX trainee_gid ON trainee(gid);
CREATE UNIQUE INDEX enrollment_gid ON enrollment(gid);
CREATE UNIQUE INDEX event_gid ON event(gid);
CREATE TRIGGER region_gid_fixed BEFORE UPDATE OF gid ON region
  WHEN NEW.gid IS NOT OLD.gid BEGIN
  SELECT RAISE(ABORT, 'the global id (gid) of a record never changes');
END;
CREATE TRIGGER partner_gid_fixed BEFORE UPDATE OF gid ON partner
  WHEN NEW.gid IS NOT OLD.gid BEGIN
  SELECT RAISE(ABORT, 'the global id (gid) of a record never changes');
END;
CREATE TRIGGER person_gid_fixed BEFORE UPDATE OF gid ON person
  WHEN NEW.gid IS NOT OLD.gid BEGIN
  SELECT RAISE(ABORT, 'the global id (gid) of a record never changes');
END;
CREATE TRIGGER programme_gid_fixed BEFORE UPDATE OF gid ON programme
  WHEN NEW.gid IS NOT OLD.gid BEGIN
  SELECT RAISE(ABORT, 'the global id (gid) of a record never changes');
END;
CREATE TRIGGER institution_gid_fixed BEFORE UPDATE OF gid ON institution
  WHEN NEW.gid IS NOT OLD.gid BEGIN
  SELECT RAISE(ABORT, 'the global id (gid) of a record never changes');
END;
CREATE TRIGGER specialty_gid_fixed BEFORE UPDATE OF gid ON specialty
  WHEN NEW.gid IS NOT OLD.gid BEGIN
  SELECT RAISE(ABORT, 'the global id (gid) of a record never changes');
END;
CREATE TRIGGER agreement_gid_fixed BEFORE UPDATE OF gid ON agreement
  WHEN NEW.gid IS NOT OLD.gid BEGIN
  SELECT RAISE(ABORT, 'the global id (gid) of a record never changes');
END;
CREATE TRIGGER agreement_party_gid_fixed BEFORE UPDATE OF gid ON agreement_party
  WHEN NEW.gid IS NOT OLD.gid BEGIN
  SELECT RAISE(ABORT, 'the global id (gid) of a record never changes');
END;
CREATE TRIGGER cohort_gid_fixed BEFORE UPDATE OF gid ON cohort
  WHEN NEW.gid IS NOT OLD.gid BEGIN
  SELECT RAISE(ABORT, 'the global id (gid) of a record never changes');
END;
CREATE TRIGGER trainee_gid_fixed BEFORE UPDATE OF gid ON trainee
  WHEN NEW.gid IS NOT OLD.gid BEGIN
  SELECT RAISE(ABORT, 'the global id (gid) of a record never changes');
END;
CREATE TRIGGER enrollment_gid_fixed BEFORE UPDATE OF gid ON enrollment
  WHEN NEW.gid IS NOT OLD.gid BEGIN
  SELECT RAISE(ABORT, 'the global id (gid) of a record never changes');
END;
CREATE TRIGGER event_gid_fixed BEFORE UPDATE OF gid ON event
  WHEN NEW.gid IS NOT OLD.gid BEGIN
  SELECT RAISE(ABORT, 'the global id (gid) of a record never changes');
END;

-- ---- the indexes of 001, 002 and 003 on the tables made again, as they were
CREATE INDEX region_search ON region(search_key, id);
CREATE INDEX partner_search ON partner(search_key, id);
CREATE INDEX partner_region ON partner(region_id);
CREATE INDEX person_search ON person(search_key, id);
CREATE INDEX person_partner ON person(partner_id);
CREATE INDEX programme_search ON programme(search_key, id);
CREATE INDEX institution_search ON institution(search_key, id);
CREATE INDEX institution_region ON institution(region_id);
CREATE INDEX specialty_search ON specialty(search_key, id);
CREATE INDEX agreement_search ON agreement(search_key, id);
CREATE INDEX agreement_parent ON agreement(parent_id);
CREATE INDEX party_partner ON agreement_party(partner_id);
CREATE INDEX cohort_search ON cohort(search_key, id);
CREATE INDEX cohort_institution ON cohort(institution_id);
CREATE INDEX cohort_agreement ON cohort(agreement_id);
CREATE INDEX trainee_search ON trainee(search_key, id);
CREATE INDEX trainee_name_ar ON trainee(name_ar, id);
CREATE INDEX trainee_name_latin ON trainee(IFNULL(name_latin, ''), id);
CREATE INDEX enrollment_cohort ON enrollment(cohort_id, status);
CREATE INDEX event_search ON event(search_key, id);
CREATE INDEX event_date ON event(event_date, id);
CREATE INDEX trainee_report_region ON trainee(region_id, gender, target_group);
CREATE INDEX cohort_report ON cohort(school_year, programme_id);
CREATE INDEX enrollment_report ON enrollment(cohort_id, status, trainee_id);
CREATE INDEX enrollment_report_trainee ON enrollment(trainee_id, cohort_id, status);
CREATE INDEX trainee_phone ON trainee(phone) WHERE phone IS NOT NULL;

-- ---- the triggers of 004 (the year summary), as they were
CREATE TRIGGER trainee_year_enrol AFTER INSERT ON enrollment BEGIN
  INSERT OR IGNORE INTO trainee_year
    SELECT c.school_year, t.id, t.region_id, t.gender, t.target_group
      FROM cohort c, trainee t
     WHERE c.id = NEW.cohort_id AND t.id = NEW.trainee_id
       AND c.school_year IS NOT NULL;
END;

CREATE TRIGGER trainee_year_unenrol AFTER DELETE ON enrollment BEGIN
  DELETE FROM trainee_year
   WHERE trainee_id = OLD.trainee_id
     AND school_year = (SELECT school_year FROM cohort WHERE id = OLD.cohort_id)
     AND NOT EXISTS (SELECT 1 FROM enrollment e JOIN cohort c ON c.id = e.cohort_id
                      WHERE e.trainee_id = OLD.trainee_id
                        AND c.school_year = trainee_year.school_year);
END;

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

CREATE TRIGGER trainee_year_fields AFTER UPDATE OF region_id, gender, target_group
ON trainee BEGIN
  UPDATE trainee_year SET region_id = NEW.region_id, gender = NEW.gender,
         target_group = NEW.target_group
   WHERE trainee_id = NEW.id;
END;

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

-- ---- audit: the gid of the record each row is about; merge and restore
CREATE TABLE audit_new (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,             -- UTC 'YYYY-MM-DD HH:MM:SS'
  user        TEXT NOT NULL,             -- OS user
  tbl         TEXT NOT NULL,             -- entity table
  record_id   INTEGER,                   -- NULL for a batch row
  gid         TEXT,                      -- the record's gid (NULL: batch)
  -- "import" with a record id: that record came in; without: the batch
  action      TEXT NOT NULL CHECK (action IN ('insert','update','merge',
                'delete','restore','import')),
  old         TEXT,                      -- JSON object of the values before
  new         TEXT,                      -- JSON object of the values after
  note        TEXT                       -- e.g. forced overwrite, duplicate kept
);
INSERT INTO audit_new(id, at, user, tbl, record_id, action, old, new, note)
  SELECT id, at, user, tbl, record_id, action, old, new, note
  FROM audit ORDER BY id;
DROP TABLE audit;
ALTER TABLE audit_new RENAME TO audit;
CREATE INDEX audit_record ON audit(tbl, record_id);
-- the deletes of a table, newest first (the deleted records to restore):
-- a few rows, in (tbl, id) order
CREATE INDEX audit_deleted ON audit(tbl) WHERE action = 'delete';

-- Which record each row was about.  Before this upgrade an id could be
-- deleted and given again: the rows of an id up to and including a delete
-- are one life of it, the rows after its last delete belong to the record
-- holding the id now (when it exists) and take its gid; every earlier
-- life gets a gid of its own, so the history of today's record is not
-- mixed with another's and an earlier one can still be found.
CREATE TEMP TABLE audit_life (
  aid INTEGER PRIMARY KEY, tbl TEXT, record_id INTEGER, life INTEGER);
INSERT INTO audit_life
  SELECT a.id, a.tbl, a.record_id,
    (SELECT count(*) FROM audit d WHERE d.tbl = a.tbl
       AND d.record_id = a.record_id AND d.action = 'delete' AND d.id < a.id)
  FROM audit a WHERE a.record_id IS NOT NULL;
CREATE TEMP TABLE audit_lives (
  tbl TEXT, record_id INTEGER, life INTEGER, gid TEXT,
  PRIMARY KEY (tbl, record_id, life));
INSERT INTO audit_lives(tbl, record_id, life)
  SELECT DISTINCT tbl, record_id, life FROM audit_life;
UPDATE audit_lives SET gid = CASE tbl
    WHEN 'region' THEN (SELECT gid FROM region
      WHERE id = audit_lives.record_id)
    WHEN 'partner' THEN (SELECT gid FROM partner
      WHERE id = audit_lives.record_id)
    WHEN 'person' THEN (SELECT gid FROM person
      WHERE id = audit_lives.record_id)
    WHEN 'programme' THEN (SELECT gid FROM programme
      WHERE id = audit_lives.record_id)
    WHEN 'institution' THEN (SELECT gid FROM institution
      WHERE id = audit_lives.record_id)
    WHEN 'specialty' THEN (SELECT gid FROM specialty
      WHERE id = audit_lives.record_id)
    WHEN 'agreement' THEN (SELECT gid FROM agreement
      WHERE id = audit_lives.record_id)
    WHEN 'agreement_party' THEN (SELECT gid FROM agreement_party
      WHERE id = audit_lives.record_id)
    WHEN 'cohort' THEN (SELECT gid FROM cohort
      WHERE id = audit_lives.record_id)
    WHEN 'trainee' THEN (SELECT gid FROM trainee
      WHERE id = audit_lives.record_id)
    WHEN 'enrollment' THEN (SELECT gid FROM enrollment
      WHERE id = audit_lives.record_id)
    WHEN 'event' THEN (SELECT gid FROM event
      WHERE id = audit_lives.record_id)
  END
 WHERE life = (SELECT count(*) FROM audit d WHERE d.tbl = audit_lives.tbl
                 AND d.record_id = audit_lives.record_id AND d.action = 'delete');
UPDATE audit_lives SET gid = printf('%08x-%04x-4%03x-%x%03x-%012x',
    random() & 4294967295, random() & 65535, random() & 4095,
    8 + (random() & 3), random() & 4095, random() & 281474976710655)
 WHERE gid IS NULL;
UPDATE audit SET gid = (SELECT v.gid FROM audit_life l JOIN audit_lives v
                          ON v.tbl = l.tbl AND v.record_id = l.record_id
                         AND v.life = l.life WHERE l.aid = audit.id)
 WHERE record_id IS NOT NULL;
DROP TABLE audit_life;
DROP TABLE audit_lives;

-- ---- no id is handed out again, not even one freed before this upgrade:
-- each table's sequence starts above the highest id the audit has seen
UPDATE sqlite_sequence SET seq = max(seq, IFNULL((SELECT max(record_id)
  FROM audit WHERE tbl = sqlite_sequence.name), 0));
INSERT INTO sqlite_sequence(name, seq)
  SELECT tbl, max(record_id) FROM audit
   WHERE record_id IS NOT NULL
     AND tbl NOT IN (SELECT name FROM sqlite_sequence)
   GROUP BY tbl;
